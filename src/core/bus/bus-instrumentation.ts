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
   * Samples instead of watching everything, for instrumentations that keep a picture of a busy bus
   * (an inspector) rather than an exact record: `published` is called for the first event and then one
   * in `sampleEvery`, and `deliverySucceeded` (with its two clock reads) for the first delivery of
   * each subscription and then one in `sampleEvery` per subscription. `deliveryFailed` is still
   * called for every failure, with `durationMs` `NaN` when that attempt was not timed. Read again after
   * each sampled call, so it may follow the event rate; after a drop, call
   * {@link InstalledInstrumentation.resample} so that a long interval left from a burst does not
   * hold back the next samples. Unset, 1 or not a whole number above 1: every event and delivery.
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

/** What `instrument()` returns: the installed instrumentation; dispose it to remove it (twice is harmless). */
export interface InstalledInstrumentation extends Disposable {
  /**
   * Starts sampling over: the next event published and the next delivery of every subscription are
   * sampled, and `sampleEvery` is read again. For a sampling instrumentation whose rate just dropped.
   * Costs the bus nothing per event.
   */
  resample(): void;
}
