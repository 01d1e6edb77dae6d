// The metrics half of instrumentEventBus(): counters fed by the bus's hooks, a histogram of handler
// durations, and a queue-depth gauge read from the bus's stats when the SDK collects.
import type {
  Attributes,
  Counter,
  Histogram,
  Meter,
  ObservableCallback,
  ObservableGauge,
} from '@opentelemetry/api';
import type { BusInstrumentation, DeadLetter, DeliveryInfo, Event } from '../core/index.js';
import {
  ATTR_ERROR_TYPE,
  ATTR_MESSAGING_DESTINATION_NAME,
  ATTR_MESSAGING_SUBSCRIPTION_NAME,
  errorType,
} from './messaging-attributes.js';

/** Bucket boundaries in seconds: in-process handlers often finish in well under a millisecond. */
const DURATION_BUCKETS_S = [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

function deliveryAttributes(delivery: DeliveryInfo): Attributes {
  return {
    [ATTR_MESSAGING_DESTINATION_NAME]: delivery.event.type,
    [ATTR_MESSAGING_SUBSCRIPTION_NAME]: delivery.subscription,
  };
}

export class EventMetrics implements BusInstrumentation {
  readonly #published: Counter;
  readonly #delivered: Counter;
  readonly #failed: Counter;
  readonly #retried: Counter;
  readonly #deadLettered: Counter;
  readonly #unhandled: Counter;
  readonly #duration: Histogram;
  readonly #queueDepth: ObservableGauge;
  readonly #observeQueueDepth: ObservableCallback;

  constructor(meter: Meter, queued: () => number) {
    const counter = (name: string, unit: string, description: string): Counter =>
      meter.createCounter(`quantum_eventbus.${name}`, { unit, description });
    this.#published = counter('published', '{event}', 'Events accepted by publish().');
    this.#delivered = counter('delivered', '{delivery}', 'Deliveries a handler completed.');
    this.#failed = counter('failed', '{attempt}', 'Delivery attempts that failed, retried ones included.');
    this.#retried = counter('retried', '{retry}', 'Retries scheduled after a failed attempt.');
    this.#deadLettered = counter(
      'dead_lettered',
      '{delivery}',
      'Deliveries that failed for good and were dead-lettered.',
    );
    this.#unhandled = counter('unhandled', '{event}', 'Events that matched no subscription.');
    this.#duration = meter.createHistogram('quantum_eventbus.handler.duration', {
      unit: 's',
      description: 'Time a handler took per delivery attempt, failed ones included.',
      advice: { explicitBucketBoundaries: DURATION_BUCKETS_S },
    });
    this.#queueDepth = meter.createObservableGauge('quantum_eventbus.queue.depth', {
      unit: '{event}',
      description: 'Events accepted and not yet finished with: queued, running or waiting for a retry.',
    });
    this.#observeQueueDepth = (result) => result.observe(queued());
    this.#queueDepth.addCallback(this.#observeQueueDepth);
  }

  published(event: Event): void {
    this.#published.add(1, { [ATTR_MESSAGING_DESTINATION_NAME]: event.type });
  }

  deliverySucceeded(delivery: DeliveryInfo, durationMs: number): void {
    const attributes = deliveryAttributes(delivery);
    this.#delivered.add(1, attributes);
    this.#duration.record(durationMs / 1000, attributes);
  }

  deliveryFailed(delivery: DeliveryInfo, error: unknown, durationMs: number, willRetry: boolean): void {
    const attributes = deliveryAttributes(delivery);
    if (willRetry) this.#retried.add(1, attributes);
    // A new object: the SDK may keep the one it was given as the key of a series.
    const failed = { ...attributes, [ATTR_ERROR_TYPE]: errorType(error) };
    this.#failed.add(1, failed);
    this.#duration.record(durationMs / 1000, failed);
  }

  deadLettered(letter: DeadLetter): void {
    this.#deadLettered.add(1, {
      [ATTR_MESSAGING_DESTINATION_NAME]: letter.event.type,
      [ATTR_MESSAGING_SUBSCRIPTION_NAME]: letter.subscription,
    });
  }

  unhandled(event: Event): void {
    this.#unhandled.add(1, { [ATTR_MESSAGING_DESTINATION_NAME]: event.type });
  }

  /** Stops reporting the queue depth; the counters simply stop receiving hooks. */
  dispose(): void {
    this.#queueDepth.removeCallback(this.#observeQueueDepth);
  }
}
