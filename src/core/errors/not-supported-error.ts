import { EventBusError } from './event-bus-error.js';

/** Thrown when a bus implementation does not offer an operation of the `EventBus` contract. */
export class NotSupportedError extends EventBusError {
  readonly code = 'EBUS_NOT_SUPPORTED';

  constructor(
    readonly operation: string,
    readonly reason: string,
  ) {
    super(`${operation} is not supported: ${reason}`);
  }
}
