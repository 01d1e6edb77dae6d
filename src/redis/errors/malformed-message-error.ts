import { EventBusError } from '../../core/index.js';

/**
 * Describes a stream entry that cannot be decoded into an event: bad JSON, a missing field, an
 * unknown schema version, a prototype-pollution key. Such an entry never reaches a handler: it is
 * moved to the dead-letter stream with this error's message as its reason.
 */
export class MalformedMessageError extends EventBusError {
  readonly code = 'EBUS_MALFORMED_MESSAGE';

  constructor(
    readonly stream: string,
    readonly entryId: string,
    readonly reason: string,
  ) {
    super(
      `Malformed entry ${entryId} on stream "${stream}": ${reason}. It was moved to the dead-letter stream; ` +
        `inspect it with listMalformedEntries() and fix its producer (publish through RedisStreamsEventBus).`,
    );
  }
}
