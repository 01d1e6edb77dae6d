import { EventBusError } from './event-bus-error.js';

/** Thrown by a constructor or method given an option value it cannot use. */
export class InvalidOptionsError extends EventBusError {
  readonly code = 'EBUS_INVALID_OPTIONS';

  constructor(
    readonly option: string,
    readonly reason: string,
  ) {
    super(`Invalid option "${option}": ${reason}.`);
  }
}
