import { randomBytes } from 'node:crypto';
import type { BenchEvent, BenchPayload } from './peer.js';

// Built the way the core builds ours (src/core/events/event-id.ts, immutable-date.ts): a flat
// 12-character id from a random prefix and a base-36 counter (its last two digits from a table), and
// one Date per millisecond. So the figures compare the buses, not the event factories; what ours adds
// on top (validation, freezing, causation ids, setters that throw) is its own cost.
const PREFIX = randomBytes(6).toString('base64url').slice(0, 7);
const BLOCK = 36 * 36;
const LAST_DIGITS = Array.from({ length: BLOCK }, (_, digits) => digits.toString(36).padStart(2, '0'));
let counter = 0;
let blockPrefix = PREFIX;
let lastMs = Number.NaN;
let lastDate = new Date(0);

/** Builds the event object a peer publishes: id, type, timestamp and payload, like ours. */
export function createPlainEvent(type: string, payload: BenchPayload): BenchEvent {
  counter += 1;
  const lastDigits = counter % BLOCK;
  if (lastDigits === 0) blockPrefix = PREFIX + (counter / BLOCK).toString(36);
  const now = Date.now();
  if (now !== lastMs) {
    lastMs = now;
    lastDate = new Date(now);
  }
  return { id: blockPrefix + (LAST_DIGITS[lastDigits] as string), type, timestamp: lastDate, payload };
}
