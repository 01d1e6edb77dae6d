import { EventBusError } from '../../core/index.js';

/**
 * The error recorded in a dead letter for an entry that was delivered `maxDeliveries` times without
 * being acknowledged (its consumers crashed or hung each time), so it is not run again.
 */
export class DeliveryLimitError extends EventBusError {
  // TODO(issue 7): a dedicated code (EBUS_DELIVERY_LIMIT) has been asked for; EBUS_TRANSPORT is the closest meanwhile.
  readonly code = 'EBUS_TRANSPORT';

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
