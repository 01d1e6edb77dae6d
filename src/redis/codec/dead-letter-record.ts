// A dead-letter stream entry: field `v` (schema version) and `letter` (JSON of DeadLetterRecord).
import { parseUntrustedJson } from './json-value.js';
import type { SerializedError } from './serialized-error.js';

/**
 * Why an entry was dead-lettered: its handler failed every attempt (`failed`), it was delivered
 * `maxDeliveries` times without acknowledgement (`exhausted`), or it could not be decoded (`malformed`).
 */
export type DeadLetterKind = 'failed' | 'exhausted' | 'malformed';

/** What the dead-letter stream keeps about one entry. */
export interface DeadLetterRecord {
  readonly letterId: string;
  readonly kind: DeadLetterKind;
  /** The consumer group (`<group>:<subscription>`) and the subscription's name. */
  readonly group: string;
  readonly subscription: string;
  /** Where the entry came from, and its fields as they were (decodable again unless malformed). */
  readonly stream: string;
  readonly entryId: string;
  readonly fields: readonly string[];
  readonly attempts: number;
  readonly reason: string;
  readonly error: SerializedError;
  readonly deadLetteredAt: string;
}

const LETTER_SCHEMA_VERSION = '1';

/** The fields of a dead-letter stream entry. */
export function encodeDeadLetterRecord(record: DeadLetterRecord): string[] {
  return ['v', LETTER_SCHEMA_VERSION, 'letter', JSON.stringify(record)];
}

/** Reads a dead-letter stream entry back; `undefined` if it is not one this version wrote. */
export function decodeDeadLetterRecord(fields: readonly unknown[] | null): DeadLetterRecord | undefined {
  if (fields === null || fields[0] !== 'v' || fields[1] !== LETTER_SCHEMA_VERSION || fields[2] !== 'letter') {
    return undefined;
  }
  try {
    const record = parseUntrustedJson(String(fields[3])) as Partial<DeadLetterRecord> | null;
    if (
      typeof record?.letterId !== 'string' ||
      typeof record.subscription !== 'string' ||
      typeof record.stream !== 'string' ||
      !Array.isArray(record.fields)
    ) {
      return undefined;
    }
    return record as DeadLetterRecord;
  } catch {
    return undefined;
  }
}
