import { inheritedIds } from '../context/causation-context.js';
import type { Event } from './event.js';

/**
 * Returns `event`, or a frozen copy of it (same prototype) with the correlation and causation ids
 * of the current flow filled in where the publisher left them unset.
 */
export function inheritCausation(event: Event): Event {
  const inherited = inheritedIds();
  if (inherited === undefined) return event;
  const correlationId = event.correlationId ?? inherited.correlationId;
  const causationId = event.causationId ?? inherited.causationId;
  if (correlationId === event.correlationId && causationId === event.causationId) return event;
  const copy = Object.assign(Object.create(Object.getPrototypeOf(event) as object) as object, event);
  if (correlationId !== undefined) Object.assign(copy, { correlationId });
  if (causationId !== undefined) Object.assign(copy, { causationId });
  return Object.freeze(copy) as Event;
}
