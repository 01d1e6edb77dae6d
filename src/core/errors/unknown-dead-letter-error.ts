import { EventBusError } from './event-bus-error.js';

/** Thrown when a replay names a dead letter that is not in the sink, or whose subscription is gone. */
export class UnknownDeadLetterError extends EventBusError {
  readonly code = 'EBUS_UNKNOWN_DEAD_LETTER';

  constructor(
    readonly letterId: string,
    readonly reason: string,
  ) {
    super(`Cannot replay dead letter "${letterId}": ${reason}. List the letters with listDeadLetters().`);
  }
}
