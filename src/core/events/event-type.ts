/** The longest event type accepted, in characters. */
export const MAX_EVENT_TYPE_LENGTH = 256;

const EVENT_TYPE_PATTERN = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*$/;

/**
 * Returns why `type` is not a valid event type, or `undefined` if it is: a non-empty dot-separated
 * name of letters, digits, `_` and `-`, without wildcards or empty segments, at most 256 characters.
 */
export function describeInvalidEventType(type: unknown): string | undefined {
  if (typeof type !== 'string') return `type must be a string, got ${describeValue(type)}`;
  if (type.length === 0) return 'type is empty';
  if (type.length > MAX_EVENT_TYPE_LENGTH)
    return `type is ${type.length} characters long (at most ${MAX_EVENT_TYPE_LENGTH})`;
  if (type.includes('*')) return `type "${type}" contains a wildcard; wildcards are for subscribe() only`;
  if (!EVENT_TYPE_PATTERN.test(type)) {
    return `type "${type}" is not a dot-separated name (letters, digits, "_" and "-", no empty segments)`;
  }
  return undefined;
}

/** A short description of a value for error messages: its type or class, never an object's contents. Never throws. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') {
    let name: unknown;
    try {
      name = (Object.getPrototypeOf(value) as { constructor?: { name?: unknown } } | null)?.constructor?.name;
    } catch {
      name = undefined;
    }
    return typeof name === 'string' && name !== '' && name !== 'Object'
      ? `an instance of ${name}`
      : 'an object';
  }
  if (typeof value === 'string')
    return `the string "${value.length > 40 ? `${value.slice(0, 40)}...` : value}"`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return `${typeof value} ${String(value)}`;
  return typeof value;
}
