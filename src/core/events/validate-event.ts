import { InvalidEventError } from '../errors/invalid-event-error.js';
import type { Event } from './event.js';
import { describeInvalidEventType, describeValue } from './event-type.js';

// Event types are few and reused; remembering the valid ones keeps the regular expression off the
// publish hot path. Bounded so that a stream of distinct types cannot grow it without limit.
const VALID_TYPES = new Set<string>();
const MAX_REMEMBERED_TYPES = 4096;

/** Throws {@link InvalidEventError} unless `type` is a valid event type. */
export function assertValidEventType(type: unknown): asserts type is string {
  if (typeof type === 'string' && VALID_TYPES.has(type)) return;
  const problem = describeInvalidEventType(type);
  if (problem !== undefined) throw new InvalidEventError(problem);
  if (VALID_TYPES.size < MAX_REMEMBERED_TYPES) VALID_TYPES.add(type as string);
}

/** Throws {@link InvalidEventError} unless `headers` is undefined or a record of string values. */
export function assertValidHeaders(headers: unknown): void {
  if (headers === undefined) return;
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) {
    throw new InvalidEventError(`headers must be a record of strings, got ${describeValue(headers)}`);
  }
  for (const [key, value] of Object.entries(headers)) {
    if (typeof value !== 'string') {
      throw new InvalidEventError(`header "${key}" must be a string, got ${describeValue(value)}`);
    }
  }
}

function assertOptionalId(event: Record<string, unknown>, field: 'correlationId' | 'causationId'): void {
  const value = event[field];
  if (value !== undefined && (typeof value !== 'string' || value.length === 0)) {
    throw new InvalidEventError(
      `${field} must be a non-empty string when present, got ${describeValue(value)}`,
    );
  }
}

/**
 * Throws {@link InvalidEventError} unless `value` is a complete, valid {@link Event}: an object with a
 * non-empty string `id`, a valid `type`, a valid `Date` `timestamp`, a `payload` property, and
 * well-formed optional correlation ids and headers.
 */
export function assertValidEvent(value: unknown): asserts value is Event {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidEventError(`expected an event object, got ${describeValue(value)}`);
  }
  const event = value as Record<string, unknown>;
  assertValidEventType(event['type']);
  if (typeof event['id'] !== 'string' || event['id'].length === 0) {
    throw new InvalidEventError(`event "${event['type']}" has no id (got ${describeValue(event['id'])})`);
  }
  const timestamp = event['timestamp'];
  if (!(timestamp instanceof Date) || Number.isNaN(timestamp.getTime())) {
    throw new InvalidEventError(
      `event "${event['type']}" has an invalid timestamp (${describeValue(timestamp)})`,
    );
  }
  if (!('payload' in event)) throw new InvalidEventError(`event "${event['type']}" has no payload property`);
  assertOptionalId(event, 'correlationId');
  assertOptionalId(event, 'causationId');
  assertValidHeaders(event['headers']);
}

/** True if `value` is a valid {@link Event}. Never throws. */
export function isBusEvent(value: unknown): value is Event {
  try {
    assertValidEvent(value);
    return true;
  } catch {
    return false;
  }
}
