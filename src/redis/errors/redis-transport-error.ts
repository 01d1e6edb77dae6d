import { EventBusError } from '../../core/index.js';

/**
 * A Redis command failed (connection lost, timeout, unexpected reply). For `publish()` it means the
 * event was not accepted: publish it again once Redis is reachable. The original error is `cause`.
 */
export class RedisTransportError extends EventBusError {
  readonly code = 'EBUS_TRANSPORT';

  constructor(
    readonly operation: string,
    cause: unknown,
  ) {
    super(
      `Redis failed to ${operation}: ${cause instanceof Error ? cause.message : String(cause)}. ` +
        'Check that Redis is reachable; the bus reconnects on its own.',
      { cause },
    );
  }
}
