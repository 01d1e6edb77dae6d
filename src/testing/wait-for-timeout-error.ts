import { EventBusError } from '../core/index.js';

/** Rejects `RecordingEventBus.waitFor()` when no matching event was published in time. */
export class WaitForTimeoutError extends EventBusError {
  readonly code = 'EBUS_WAIT_TIMEOUT';

  constructor(
    readonly eventType: string,
    readonly timeoutMs: number,
    /** The types that were published meanwhile, to help spot a misspelt or missing event. */
    readonly publishedTypes: readonly string[],
  ) {
    super(
      `No "${eventType}" event was published within ${timeoutMs} ms (published so far: ` +
        `${publishedTypes.length === 0 ? 'nothing' : publishedTypes.join(', ')}). Check that the bus is ` +
        `started, that the publisher runs, or raise timeoutMs.`,
    );
  }
}
