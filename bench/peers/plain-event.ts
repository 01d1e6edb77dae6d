import { randomBytes } from 'node:crypto';
import type { BenchEvent, BenchPayload } from './peer.js';

// The same id scheme as the core's createEventId (a random prefix and a base-36 counter), so that
// building a peer's event costs what building ours costs, minus what our guarantees add (freezing,
// validation, causation ids).
const PREFIX = randomBytes(9).toString('base64url');
let counter = 0;

/** Builds the event object a peer publishes: id, type, timestamp and payload, like ours. */
export function createPlainEvent(type: string, payload: BenchPayload): BenchEvent {
  counter += 1;
  return { id: `${PREFIX}-${counter.toString(36)}`, type, timestamp: new Date(), payload };
}
