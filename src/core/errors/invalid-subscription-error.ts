import { EventBusError } from './event-bus-error.js';

/** Thrown by `subscribe()` for a selector, handler or option it cannot accept. Nothing is subscribed. */
export class InvalidSubscriptionError extends EventBusError {
  readonly code = 'EBUS_INVALID_SUBSCRIPTION';

  constructor(readonly reason: string) {
    super(
      `Invalid subscription: ${reason}. A selector is an event type ("policy.updated"), a pattern ` +
        `("health.*" for one segment, "**" for any number) or an event class with a static type; ` +
        `a handler is a function.`,
    );
  }
}
