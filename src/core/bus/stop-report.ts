import type { Event } from '../events/event.js';

/** Options of `stop()`. */
export interface StopOptions {
  /** How long queued and running work may take to finish before it is reported undelivered. @defaultValue 10_000 */
  readonly timeoutMs?: number;
}

/** An event that not every matching subscription finished with before the bus stopped. */
export interface UndeliveredEvent {
  readonly event: Event;
  /** Names of the subscriptions that had not finished with it (empty if it was never dispatched). */
  readonly subscriptions: readonly string[];
}

/**
 * What `stop()` reports about every event the bus accepted: `published === delivered + undelivered.length`,
 * and no event is in both.
 */
export interface StopReport {
  /** Events accepted by `publish()` over the bus's life. */
  readonly published: number;
  /** Events that every matching subscription finished with: handled, or dead-lettered after failing (see the sink). */
  readonly delivered: number;
  /** The other events, with the subscriptions that still owed them. */
  readonly undelivered: readonly UndeliveredEvent[];
  /** True if `timeoutMs` elapsed before the work finished. */
  readonly timedOut: boolean;
}
