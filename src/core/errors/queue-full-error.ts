import { EventBusError } from './event-bus-error.js';

/** Rejects `publish()` when the queue holds `maxQueueSize` events and the overflow policy is `error`. */
export class QueueFullError extends EventBusError {
  readonly code = 'EBUS_QUEUE_FULL';

  constructor(
    readonly eventType: string,
    readonly maxQueueSize: number,
  ) {
    super(
      `Cannot publish "${eventType}": the queue is full (${maxQueueSize} events). The event was not accepted; ` +
        `publish it again later, raise maxQueueSize, or use overflow: 'wait'.`,
    );
  }
}
