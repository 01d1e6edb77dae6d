// What the codec accepts in a payload, and how it reads JSON from a stream without letting a
// crafted entry reach an object's prototype.
import { InvalidEventError } from '../../core/index.js';

/** Keys never accepted in a payload or headers: `__proto__`, `constructor`, `prototype`. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** The position of a value inside a payload: object keys and array indexes. */
export type JsonPath = readonly (string | number)[];

const SUSPICIOUS_TEXT = /__proto__|constructor|prototype|\\u/;

function describePath(path: JsonPath): string {
  return path.length === 0 ? 'payload' : `payload.${path.join('.')}`;
}

function reject(path: JsonPath, problem: string): never {
  throw new InvalidEventError(
    `${describePath(path)} ${problem}; over Redis a payload must be JSON data (plain objects, arrays, ` +
      'strings, finite numbers, booleans, null) or Dates',
  );
}

/**
 * Checks that `payload` survives the JSON round trip unchanged and returns the paths of its Dates
 * (JSON turns them into strings; the decoder turns them back).
 *
 * @throws {@link InvalidEventError} naming the first value that would not survive.
 */
export function inspectPayload(payload: unknown): JsonPath[] {
  const datePaths: JsonPath[] = [];
  const ancestors = new Set<object>();
  const visit = (value: unknown, path: (string | number)[]): void => {
    if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) reject(path, `is ${value}, which JSON cannot carry`);
      return;
    }
    if (typeof value !== 'object') reject(path, `is of type ${typeof value}`);
    if (value instanceof Date) {
      if (Number.isNaN(value.getTime())) reject(path, 'is an invalid Date');
      datePaths.push([...path]);
      return;
    }
    if (ancestors.has(value)) reject(path, 'refers back to itself (a cycle)');
    const prototype: unknown = Object.getPrototypeOf(value);
    const isArray = Array.isArray(value);
    if (!isArray && prototype !== Object.prototype && prototype !== null) {
      reject(path, `is an instance of ${(value as object).constructor?.name ?? 'a class'}`);
    }
    ancestors.add(value);
    if (isArray) {
      value.forEach((item: unknown, index) => {
        if (item === undefined) reject([...path, index], 'is undefined inside an array');
        visit(item, [...path, index]);
      });
    } else {
      for (const [key, item] of Object.entries(value)) {
        if (FORBIDDEN_KEYS.has(key)) reject([...path, key], 'uses a forbidden key');
        if (item !== undefined) visit(item, [...path, key]);
      }
    }
    ancestors.delete(value);
  };
  // An event without data (`createEvent(type, undefined)`) is fine; the codec marks it.
  if (payload !== undefined) visit(payload, []);
  return datePaths;
}

/**
 * Parses JSON from outside. Throws an `Error` whose message says why, for bad JSON and for any
 * `__proto__`, `constructor` or `prototype` key at any depth.
 */
export function parseUntrustedJson(text: string): unknown {
  if (!SUSPICIOUS_TEXT.test(text)) return JSON.parse(text);
  return JSON.parse(text, (key, value: unknown) => {
    if (FORBIDDEN_KEYS.has(key)) throw new Error(`it contains the forbidden key "${key}"`);
    return value;
  });
}

/** Turns the ISO strings at `paths` inside `root.payload` back into Dates; returns why not, if it cannot. */
export function reviveDates(root: { payload: unknown }, paths: unknown): string | undefined {
  if (!Array.isArray(paths)) return 'its "datePaths" is not an array';
  for (const path of paths as unknown[]) {
    if (!Array.isArray(path)) return 'a date path is not an array';
    let container: unknown = root;
    let key: string | number = 'payload';
    for (const segment of path as unknown[]) {
      if (typeof segment !== 'string' && typeof segment !== 'number') return 'a date path has a bad segment';
      const next = (container as Record<string, unknown>)[key];
      // Own properties only: a path through "__proto__" must not reach Object.prototype.
      if (typeof next !== 'object' || next === null || !Object.hasOwn(next, segment)) {
        return `the date path ${JSON.stringify(path)} does not exist in the payload`;
      }
      container = next;
      key = segment;
    }
    const record = container as Record<string | number, unknown>;
    const text = record[key];
    const date = typeof text === 'string' ? new Date(text) : undefined;
    if (date === undefined || Number.isNaN(date.getTime())) {
      return `the value at date path ${JSON.stringify(path)} is not an ISO date`;
    }
    record[key] = date;
  }
  return undefined;
}
