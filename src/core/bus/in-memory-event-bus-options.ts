import type { DeadLetter, DeadLetterSink } from '../delivery/dead-letter.js';
import type { Event } from '../events/event.js';
import type { Logger } from '../logging/logger.js';
import type { DeliveryFailure } from './delivery-failure.js';

/** What `publish()` does when the queue holds `maxQueueSize` events. */
export type OverflowPolicy = 'wait' | 'error';

/** Options of {@link InMemoryEventBus}. Every field is optional. */
export interface InMemoryEventBusOptions {
  /** Where failures are logged; a pino logger fits. @defaultValue `consoleLogger` */
  readonly logger?: Logger;
  /** Called for every failed attempt, retried or not. A hook that throws is logged and ignored. @defaultValue none */
  readonly onError?: (failure: DeliveryFailure) => void;
  /** Called for each event no subscription matched. @defaultValue none (the event is counted and logged at debug level) */
  readonly onUnhandledEvent?: (event: Event) => void;
  /** Called after each dead letter is stored. @defaultValue none */
  readonly onDeadLetter?: (letter: DeadLetter) => void;
  /** Where dead letters go. @defaultValue a new `InMemoryDeadLetterSink` */
  readonly deadLetterSink?: DeadLetterSink;
  /**
   * Most events the bus holds at once: accepted and not yet finished with (queued, running or
   * waiting for a retry). @defaultValue `Infinity`
   */
  readonly maxQueueSize?: number;
  /**
   * `wait`: `publish()` waits for room (first come, first served); inside a handler it rejects with
   * `QueueFullError` instead, since waiting there could deadlock. `error`: it rejects at once.
   * @defaultValue 'wait'
   */
  readonly overflow?: OverflowPolicy;
  /**
   * Give events published by handlers their causation and correlation ids after any number of
   * `await`s (true), or only for what a handler publishes before its first `await` (false). True uses
   * AsyncLocalStorage, which on Node 20 makes every promise in the process slower; false costs
   * nothing. See the README's "Tracing" section. @defaultValue true
   */
  readonly trackCausation?: boolean;
  /** Most handlers running at once across all subscriptions (async ones; sync handlers run one at a time anyway). @defaultValue `Infinity` */
  readonly concurrency?: number;
}
