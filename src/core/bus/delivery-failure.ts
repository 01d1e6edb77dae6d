import type { Event } from '../events/event.js';

/** One failed attempt, as given to the bus's `onError` hook. */
export interface DeliveryFailure {
  readonly event: Event;
  readonly subscription: string;
  readonly attempt: number;
  readonly error: unknown;
  /** True if another attempt is scheduled; false if the delivery is being dead-lettered. */
  readonly willRetry: boolean;
}
