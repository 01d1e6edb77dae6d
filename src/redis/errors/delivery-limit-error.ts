import { EventBusError } from '../../core/index.js';

/**
 * The error recorded in a dead letter for an entry that was delivered `maxDeliveries` times without
 * being acknowledged (its consumers crashed or hung each time), so it is not run again.
 */
export class DeliveryLimitError extends EventBusError {
  readonly code = 'EBUS_DELIVERY_LIMIT';

  constructor(
    readonly stream: string,
    readonly entryId: string,
    readonly deliveries: number,
    readonly maxDeliveries: number,
  ) {
    super(
      `Entry ${entryId} on stream "${stream}" was delivered ${deliveries} times without acknowledgement ` +
        `(maxDeliveries ${maxDeliveries}); its consumers crashed or hung on it. It was dead-lettered ` +
        'without running the handler again; fix the handler, then replayDeadLetter() it.',
    );
  }
}
