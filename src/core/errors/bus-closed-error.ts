import { EventBusError } from './event-bus-error.js';

/** Rejects `publish()` once `stop()` has been called. The event was not accepted. */
export class BusClosedError extends EventBusError {
  readonly code = 'EBUS_BUS_CLOSED';

  constructor(readonly eventType: string) {
    super(
      `Cannot publish "${eventType}": the bus has been stopped. Publish before calling stop(), or create a new bus.`,
    );
  }
}
