import type { Event } from '../events/event.js';

/** Options of `publishAndWait()`. */
export interface PublishAndWaitOptions {
  /** Outcomes still unknown after this many milliseconds are reported as `timed-out`. @defaultValue 30_000 */
  readonly timeoutMs?: number;
}

/** What became of one subscription's delivery of the event. */
export type DeliveryOutcome = { readonly subscription: string; readonly subscriptionId: string } & (
  | { readonly status: 'succeeded'; readonly attempts: number }
  /** Failed for good and kept in the dead letters. */
  | { readonly status: 'dead-lettered'; readonly attempts: number; readonly error: unknown }
  /** Failed for good and the dead-letter sink could not store it either (logged). */
  | { readonly status: 'failed'; readonly attempts: number; readonly error: unknown }
  /** Still unfinished when `timeoutMs` elapsed. */
  | { readonly status: 'timed-out' }
  /** Not delivered: the subscription's filter declined it, or it unsubscribed first. */
  | { readonly status: 'skipped' }
);

/** The result of `publishAndWait()`: one outcome per matching subscription (none if nothing matched). */
export interface PublishResult {
  readonly event: Event;
  readonly outcomes: readonly DeliveryOutcome[];
}
