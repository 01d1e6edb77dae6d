import type { Event } from '../events/event.js';

/** A delivery that failed for good: its event, the subscription it failed in, the last error and the attempts made. */
export interface DeadLetter {
  /** Unique id of this letter, for replay. */
  readonly id: string;
  readonly event: Event;
  /** Name of the subscription the delivery failed in. */
  readonly subscription: string;
  /** Id of that subscription (`Subscription.id`), used by replay. */
  readonly subscriptionId: string;
  /** Attempts made, the first included. */
  readonly attempts: number;
  /** The error of the last attempt. */
  readonly error: unknown;
  readonly deadLetteredAt: Date;
}

/**
 * Where dead letters are kept until someone replays or purges them. Methods may be synchronous or
 * return promises, so a sink can be backed by a database.
 */
export interface DeadLetterSink {
  /** Stores a letter. A sink that throws is logged and the delivery is reported as failed. */
  add(letter: DeadLetter): void | Promise<void>;
  /** Lists the letters kept, oldest first. */
  list(): readonly DeadLetter[] | Promise<readonly DeadLetter[]>;
  /** Removes and returns the letter with this id, or `undefined` if there is none. */
  take(id: string): DeadLetter | undefined | Promise<DeadLetter | undefined>;
}
