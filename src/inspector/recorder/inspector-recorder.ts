import type { BusInstrumentation, DeadLetter, DeliveryInfo, Event } from '../../core/index.js';
import { DurationWindow } from './duration-window.js';
import { RateSeries } from './rate-series.js';
import { RingBuffer } from './ring-buffer.js';

/** One failed attempt, kept as it happened; serialised only when a page asks. */
export interface FailureRecord {
  readonly event: Event;
  readonly subscriptionId: string;
  readonly subscription: string;
  readonly attempt: number;
  readonly error: unknown;
  readonly willRetry: boolean;
  /** When it failed, in milliseconds since the epoch. */
  readonly at: number;
}

/** Sizes of the recorder's buffers. */
export interface RecorderLimits {
  readonly eventBufferSize: number;
  readonly durationSamples: number;
  readonly rateWindowSeconds: number;
}

const RATE_BUCKET_MS = 1000;
/** How often the per-second counters move on to the current second. */
const ROTATE_EVERY_MS = 100;

/**
 * The inspector's hooks on the bus. Each hook does O(1) work on fixed-size buffers (a ring of event
 * references, a ring of failures, a duration window per subscription, per-second counters) and
 * serialises nothing: that happens when a page asks, off the delivery path. Memory is bounded by
 * the limits, whatever the event rate; only the duration windows grow with the number of live
 * subscriptions, and {@link InspectorRecorder.forgetSubscriptionsExcept} prunes those that are gone.
 */
export class InspectorRecorder implements BusInstrumentation {
  readonly events: RingBuffer<Event>;
  readonly failures: RingBuffer<FailureRecord>;
  /** Ids of events no subscription matched. */
  readonly unhandledIds: RingBuffer<string>;
  readonly publishedRate: RateSeries;
  readonly failedRate: RateSeries;
  /** Set when a letter was dead-lettered; the live updates clear it after re-reading the sink. */
  deadLettersChanged = true;
  readonly #durations = new Map<string, DurationWindow>();
  readonly #durationSamples: number;
  #clock: ReturnType<typeof setInterval> | undefined;

  constructor(limits: RecorderLimits, now: () => number = Date.now) {
    this.events = new RingBuffer(limits.eventBufferSize);
    this.failures = new RingBuffer(limits.eventBufferSize);
    this.unhandledIds = new RingBuffer(limits.eventBufferSize);
    this.publishedRate = new RateSeries(limits.rateWindowSeconds, RATE_BUCKET_MS, now);
    this.failedRate = new RateSeries(limits.rateWindowSeconds, RATE_BUCKET_MS, now);
    this.#durationSamples = limits.durationSamples;
  }

  /** Starts moving the per-second counters along with time (the timer does not keep the process alive). */
  startClock(): void {
    if (this.#clock !== undefined) return;
    this.#clock = setInterval(() => {
      this.publishedRate.rotate();
      this.failedRate.rotate();
    }, ROTATE_EVERY_MS);
    this.#clock.unref();
  }

  stopClock(): void {
    clearInterval(this.#clock);
    this.#clock = undefined;
  }

  published(event: Event): void {
    this.events.push(event);
    this.publishedRate.add();
  }

  deliverySucceeded(delivery: DeliveryInfo, durationMs: number): void {
    this.#window(delivery.subscriptionId).record(durationMs);
  }

  deliveryFailed(delivery: DeliveryInfo, error: unknown, durationMs: number, willRetry: boolean): void {
    this.#window(delivery.subscriptionId).record(durationMs);
    this.failedRate.rotate();
    this.failedRate.add();
    this.failures.push({
      event: delivery.event,
      subscriptionId: delivery.subscriptionId,
      subscription: delivery.subscription,
      attempt: delivery.attempt,
      error,
      willRetry,
      at: Date.now(),
    });
  }

  deadLettered(_letter: DeadLetter): void {
    this.deadLettersChanged = true;
  }

  unhandled(event: Event): void {
    this.unhandledIds.push(event.id);
  }

  /** The duration window of a subscription, if it has recorded any. */
  durations(subscriptionId: string): DurationWindow | undefined {
    return this.#durations.get(subscriptionId);
  }

  /** Drops the duration windows of subscriptions not in `liveIds` (unsubscribed ones). */
  forgetSubscriptionsExcept(liveIds: ReadonlySet<string>): void {
    for (const id of this.#durations.keys()) if (!liveIds.has(id)) this.#durations.delete(id);
  }

  #window(subscriptionId: string): DurationWindow {
    let window = this.#durations.get(subscriptionId);
    if (window === undefined) {
      window = new DurationWindow(this.#durationSamples);
      this.#durations.set(subscriptionId, window);
    }
    return window;
  }
}
