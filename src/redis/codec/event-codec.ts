// The wire format of an event in a stream entry: fields `v` (schema version), `event` (JSON) and,
// for publishAndWait(), `reply` (how long outcomes are kept, in ms). Decoding trusts nothing.
import { assertValidEvent, InvalidEventError, type Event } from '../../core/index.js';
import { deepFreeze } from '../../core/events/deep-freeze.js';
import { ImmutableDate } from '../../core/events/immutable-date.js';
import { FORBIDDEN_KEYS, inspectPayload, parseUntrustedJson, reviveDates } from './json-value.js';

/** The schema version this codec writes and the only one it reads. */
export const EVENT_SCHEMA_VERSION = '1';

/** What decoding an entry gave: the event (and its reply request), or why it is malformed. */
export type DecodedEntry =
  | { readonly ok: true; readonly event: Event; readonly replyTtlMs: number | undefined }
  | { readonly ok: false; readonly reason: string };

function fieldsToMap(fields: readonly unknown[]): Map<string, string> | string {
  if (fields.length % 2 !== 0) return 'its field list has an odd length';
  const map = new Map<string, string>();
  for (let index = 0; index < fields.length; index += 2) {
    const name = fields[index];
    const value = fields[index + 1];
    if (typeof name !== 'string' || typeof value !== 'string') return 'a field is not a string';
    map.set(name, value);
  }
  return map;
}

function optionalString(record: Record<string, unknown>, key: string): string | undefined | false {
  const value = record[key];
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : false;
}

/** Encodes and decodes events; remembers event classes so decoded events are instances again. */
export class EventCodec {
  readonly #prototypes = new Map<string, object>();

  /** Decoded events of `type` get `prototype` (an event class's), so `instanceof` keeps working. */
  registerClass(type: string, prototype: object): void {
    this.#prototypes.set(type, prototype);
  }

  /**
   * The stream fields of `event`.
   *
   * @throws {@link InvalidEventError} if the payload would not survive JSON, or headers use a forbidden key.
   */
  encode(event: Event, replyTtlMs?: number): string[] {
    const datePaths = inspectPayload(event.payload);
    if (event.headers !== undefined) {
      for (const key of Object.keys(event.headers)) {
        if (FORBIDDEN_KEYS.has(key)) throw new InvalidEventError(`header "${key}" uses a forbidden key`);
      }
    }
    const body = JSON.stringify({
      id: event.id,
      type: event.type,
      timestamp: event.timestamp.toISOString(),
      payload: event.payload,
      payloadUndefined: event.payload === undefined ? true : undefined,
      correlationId: event.correlationId,
      causationId: event.causationId,
      headers: event.headers,
      datePaths: datePaths.length === 0 ? undefined : datePaths,
    });
    const fields = ['v', EVENT_SCHEMA_VERSION, 'event', body];
    if (replyTtlMs !== undefined) fields.push('reply', String(Math.ceil(replyTtlMs)));
    return fields;
  }

  /** Decodes the fields of an entry read from the stream of `expectedType`. Never throws. */
  decode(fields: readonly unknown[], expectedType: string): DecodedEntry {
    const map = fieldsToMap(fields);
    if (typeof map === 'string') return { ok: false, reason: map };
    const version = map.get('v');
    if (version === undefined) return { ok: false, reason: 'it has no schema version field "v"' };
    if (version !== EVENT_SCHEMA_VERSION) {
      return {
        ok: false,
        reason: `its schema version is "${version.slice(0, 20)}" but this consumer reads "${EVENT_SCHEMA_VERSION}"; upgrade the consumer`,
      };
    }
    const body = map.get('event');
    if (body === undefined) return { ok: false, reason: 'it has no "event" field' };
    let parsed: unknown;
    try {
      parsed = parseUntrustedJson(body);
    } catch (error) {
      return { ok: false, reason: `its "event" field is not acceptable JSON: ${(error as Error).message}` };
    }
    const decoded = this.#build(parsed, expectedType);
    if (typeof decoded === 'string') return { ok: false, reason: decoded };
    const reply = map.get('reply');
    const replyTtlMs = reply === undefined ? undefined : Number(reply);
    return { ok: true, event: decoded, replyTtlMs: Number.isFinite(replyTtlMs) ? replyTtlMs : undefined };
  }

  #build(parsed: unknown, expectedType: string): Event | string {
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      return 'its event is not an object';
    const record = parsed as Record<string, unknown>;
    if (record['type'] !== expectedType) {
      return `its type ${JSON.stringify(record['type'])} does not match the stream's type "${expectedType}"`;
    }
    if (typeof record['timestamp'] !== 'string') return 'its timestamp is missing or not a string';
    const timestamp = new Date(record['timestamp']);
    if (record['payloadUndefined'] === true) record['payload'] = undefined;
    else if (!Object.hasOwn(record, 'payload')) return 'it has no payload';
    if (record['datePaths'] !== undefined) {
      const problem = reviveDates(record as { payload: unknown }, record['datePaths']);
      if (problem !== undefined) return problem;
    }
    const correlationId = optionalString(record, 'correlationId');
    const causationId = optionalString(record, 'causationId');
    if (correlationId === false || causationId === false) return 'a correlation id is not a string';
    const headers = record['headers'];
    // Same shape as createEvent(): optional fields only when present, an immutable timestamp.
    const fields: Record<string, unknown> = {
      id: record['id'],
      type: expectedType,
      timestamp: new ImmutableDate(timestamp.getTime()),
      payload: deepFreeze(record['payload']),
    };
    if (correlationId !== undefined) fields['correlationId'] = correlationId;
    if (causationId !== undefined) fields['causationId'] = causationId;
    if (headers !== undefined)
      fields['headers'] = typeof headers === 'object' && headers !== null ? Object.freeze(headers) : headers;
    try {
      assertValidEvent(fields);
    } catch (error) {
      return error instanceof InvalidEventError ? error.reason : String(error);
    }
    const prototype = this.#prototypes.get(expectedType);
    return Object.freeze(
      prototype === undefined ? fields : Object.assign(Object.create(prototype) as object, fields),
    );
  }
}
