import { EventBusError } from './event-bus-error.js';

/** Thrown (or rejected) when something that is not a valid event is created or published. */
export class InvalidEventError extends EventBusError {
  readonly code = 'EBUS_INVALID_EVENT';

  /** @param reason what is wrong, naming the offending field. */
  constructor(readonly reason: string) {
    super(
      `Invalid event: ${reason}. Build events with createEvent(type, payload) or an event class ` +
        `(new PolicyUpdatedEvent({...})); a type is a dot-separated name such as "policy.updated".`,
    );
  }
}
