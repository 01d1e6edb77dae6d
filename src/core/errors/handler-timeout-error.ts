import { EventBusError } from './event-bus-error.js';

/** The failure recorded for a delivery whose handler did not finish within the subscription's `timeoutMs`. */
export class HandlerTimeoutError extends EventBusError {
  readonly code = 'EBUS_HANDLER_TIMEOUT';

  constructor(
    readonly subscription: string,
    readonly eventType: string,
    readonly timeoutMs: number,
  ) {
    super(
      `Handler "${subscription}" did not finish "${eventType}" within ${timeoutMs} ms. It is retried or ` +
        `dead-lettered like any failure; raise timeoutMs if the work is legitimately slow.`,
    );
  }
}
