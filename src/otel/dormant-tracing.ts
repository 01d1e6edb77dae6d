// What instrumentEventBus() installs for tracing while no OpenTelemetry SDK is registered: no spans,
// no per-delivery work (one check per delivery on a transport), trace context passed through, and a
// swap for the full EventTracing as soon as an SDK appears.
import { type Context, context, isSpanContextValid, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { type BusInstrumentation, currentCausationScope, type Event } from '../core/index.js';
import type { EventTracing } from './event-tracing.js';

function hasValidSpan(active: Context): boolean {
  const spanContext = trace.getSpanContext(active);
  return spanContext !== undefined && isSpanContextValid(spanContext);
}

/**
 * Stands in for {@link EventTracing} while its tracer cannot record. It implements only
 * `beforePublish`, and `deliveryStarted` where asked: without `aroundDelivery`, `deliverySucceeded`
 * or `deliveryFailed` the bus reads no clock and wraps no handler for it.
 *
 * Without an SDK the API's tracer returns non-recording spans that carry their parent's context, so
 * EventTracing's only visible effect is to pass an incoming trace context on to the events a
 * handler publishes. This does the same without spans: the parent comes from the active context or
 * from the headers of the event being handled (core's causation scope). Handlers no longer run with
 * that context active; nothing in a process without an SDK records it.
 */
export class DormantTracing implements BusInstrumentation {
  readonly #tracing: EventTracing;
  readonly #hasSdk: () => boolean;
  readonly #wake: () => void;
  /**
   * Lets deliveries of events not published on this bus (a Redis consumer) notice a late SDK too.
   * Only an own property when `watchDeliveries`: the hook costs each delivery a `DeliveryInfo`.
   */
  readonly deliveryStarted?: () => void;

  /** `wake` installs `tracing` in place of this; it is called once `hasSdk()` turns true. */
  constructor(tracing: EventTracing, hasSdk: () => boolean, wake: () => void, watchDeliveries: boolean) {
    this.#tracing = tracing;
    this.#hasSdk = hasSdk;
    this.#wake = wake;
    if (watchDeliveries)
      this.deliveryStarted = () => {
        if (hasSdk()) wake();
      };
  }

  beforePublish(event: Event): Event | undefined {
    if (this.#hasSdk()) {
      this.#wake();
      return this.#tracing.beforePublish(event);
    }
    const handled = currentCausationScope()?.event?.headers;
    const active = context.active();
    if (handled !== undefined) {
      // As EventTracing would parent it: on the active span, else on the handled event's CONSUMER
      // span, which without an SDK is its producer's context.
      if (hasValidSpan(active)) return this.#tracing.publishUnder(event, active);
      const parent = this.#tracing.extract(handled);
      return parent === ROOT_CONTEXT ? undefined : this.#tracing.publishUnder(event, parent);
    }
    // Nothing active (always so without a context manager): nothing to carry, the event goes as it is.
    if (active === ROOT_CONTEXT) return undefined;
    return this.#tracing.beforePublish(event);
  }
}
