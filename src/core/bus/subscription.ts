import type { RetryOptions } from '../delivery/retry-options.js';
import type { Event } from '../events/event.js';

/** What a handler may use besides the event. Passed as the second argument to handlers that declare one. */
export interface DeliveryContext {
  /** 1 for the first attempt, 2 for the first retry, ... */
  readonly attempt: number;
  /** Name of the subscription being delivered to. */
  readonly subscription: string;
  /** Aborted when the attempt times out or the bus stops while it runs. */
  readonly signal: AbortSignal;
}

/** A handler: sync or async; its return value is ignored, a throw or a rejection is a failure. */
export type EventHandler<TEvent extends Event = Event> = (event: TEvent, context: DeliveryContext) => unknown;

/** Per-subscription delivery options. Every field is optional. */
export interface SubscribeOptions<TEvent extends Event = Event> {
  /** Name used in logs, stats and dead letters. @defaultValue the handler function's name, else `subscription-<id>` */
  readonly name?: string;
  /** Retry policy, or a number of attempts. @defaultValue 1 attempt (no retry) */
  readonly retry?: RetryOptions | number;
  /** An attempt still running after this many milliseconds fails with `HandlerTimeoutError`. @defaultValue no timeout */
  readonly timeoutMs?: number;
  /** Deliveries of this subscription that may run at once. @defaultValue 1 */
  readonly concurrency?: number;
  /** Events with the same key are handled strictly one after another, in publish order. @defaultValue none */
  readonly orderingKey?: (event: TEvent) => string;
  /** Decides once per event whether it is delivered to this subscription. @defaultValue every matching event */
  readonly filter?: (event: TEvent) => boolean;
}

/**
 * A handle on a subscription. `unsubscribe()` (or `using`) stops deliveries that have not started:
 * called from a handler of event N, events up to N are still delivered; called elsewhere, none that
 * is still waiting. Calling it twice is harmless.
 */
export interface Subscription extends Disposable {
  /** Unique id within the bus; dead letters refer to it. */
  readonly id: string;
  /** The subscription's name (see {@link SubscribeOptions.name}). */
  readonly name: string;
  /** The selector as text: the type or pattern. */
  readonly selector: string;
  unsubscribe(): void;
}
