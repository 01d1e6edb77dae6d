import type { Event } from '../core/index.js';

/**
 * A copy of `event` (same prototype, so `instanceof` still holds for class-based events) whose
 * headers are `headers`. The bus validates and freezes it when it accepts it.
 */
export function withHeaders(event: Event, headers: Readonly<Record<string, string>>): Event {
  const copy = Object.create(Object.getPrototypeOf(event) as object) as Event;
  return Object.assign(copy, event, { headers: Object.freeze({ ...headers }) });
}
