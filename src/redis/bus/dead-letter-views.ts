import type { DeadLetter } from '../../core/index.js';
import type { DeadLetterRecord } from '../codec/dead-letter-record.js';
import type { EventCodec } from '../codec/event-codec.js';
import { reviveError } from '../codec/serialized-error.js';
import type { StreamKeys } from '../streams/stream-keys.js';
import type { MalformedEntry } from './malformed-entry.js';

/** A stored record as the core's `DeadLetter`; `undefined` for a malformed entry, which has no event. */
export function toDeadLetter(
  record: DeadLetterRecord,
  codec: EventCodec,
  keys: StreamKeys,
): DeadLetter | undefined {
  if (record.kind === 'malformed') return undefined;
  const decoded = codec.decode(record.fields, keys.typeOf(record.stream));
  if (!decoded.ok) return undefined;
  return {
    id: record.letterId,
    event: decoded.event,
    subscription: record.subscription,
    subscriptionId: record.group,
    attempts: record.attempts,
    error: reviveError(record.error),
    deadLetteredAt: new Date(record.deadLetteredAt),
  };
}

/** A stored record of a malformed entry as a {@link MalformedEntry}. */
export function toMalformedEntry(record: DeadLetterRecord): MalformedEntry {
  return {
    id: record.letterId,
    stream: record.stream,
    entryId: record.entryId,
    subscription: record.subscription,
    reason: record.reason,
    fields: record.fields,
    deadLetteredAt: new Date(record.deadLetteredAt),
  };
}
