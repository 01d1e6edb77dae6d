import type { DeadLetter } from '../delivery/dead-letter.js';
import type { Event } from '../events/event.js';

/** One attempt to deliver an event to a subscription. A new object for each attempt. */
export interface DeliveryInfo {
  readonly event: Event;
  readonly subscriptionId: string;
  readonly subscription: string;
  readonly selector: string;
  readonly attempt: number;
}

/**
 * Hooks into a bus for tracing, metrics and inspection. Every method is optional. Hooks run on the
 * bus's path, so they must be quick; one that throws is logged and ignored.
 */
export interface BusInstrumentation {
  /**
   * Times only one delivery in `sampleEvery` per subscription (the first one included), for
   * instrumentations that want handler durations without paying two clock reads on every delivery.
   * `deliverySucceeded` is then called for the timed deliveries only; `deliveryFailed` is still called
   * for every failure, with `durationMs` `NaN` when that attempt was not timed. Read again after each
   * timed delivery, so it may change at run time (say, with the event rate). Unset, 1 or not a whole
   * number above 1: every delivery.
   */
  readonly sampleEvery?: number;
  /** Called as an event is accepted; may return a copy of it (with extra headers) to enqueue instead. */
  beforePublish?(event: Event): Event | void;
  /** Wraps each handler invocation; must call `invoke` once and return its result. */
  aroundDelivery?(delivery: DeliveryInfo, invoke: () => unknown): unknown;
  published?(event: Event): void;
  deliveryStarted?(delivery: DeliveryInfo): void;
  /** A handler finished; `durationMs` is its time from invocation to settling. */
  deliverySucceeded?(delivery: DeliveryInfo, durationMs: number): void;
  /** A handler threw or rejected; `durationMs` is `NaN` for an attempt that `sampleEvery` left untimed. */
  deliveryFailed?(delivery: DeliveryInfo, error: unknown, durationMs: number, willRetry: boolean): void;
  deadLettered?(letter: DeadLetter): void;
  unhandled?(event: Event): void;
}
