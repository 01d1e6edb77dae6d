import { randomBytes } from 'node:crypto';

// A random per-process prefix plus a counter: unique across processes (what the Redis transport needs)
// and far cheaper than a UUID per event on the hot path.
const PROCESS_PREFIX = randomBytes(9).toString('base64url');
let counter = 0;

/** Returns a new id, unique across processes. */
export function createEventId(): string {
  counter += 1;
  return `${PROCESS_PREFIX}-${counter.toString(36)}`;
}
