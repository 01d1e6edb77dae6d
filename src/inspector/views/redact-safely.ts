import type { Event, EventHeaders } from '../../core/index.js';

/** What the page may see of an event's content. */
export interface RedactedContent {
  readonly payload: unknown;
  readonly headers: EventHeaders | undefined;
}

const WITHHELD = '[withheld: redact() failed]';

/**
 * Applies the user's `redact` to an event and keeps its payload and headers (ids, type and time are
 * taken from the event itself). Fails closed: if `redact` throws or returns something that is not an
 * object, the payload and headers are withheld rather than sent as they are.
 */
export function redactSafely(event: Event, redact: ((event: Event) => Event) | undefined): RedactedContent {
  if (redact === undefined) return { payload: event.payload, headers: event.headers };
  try {
    const redacted = redact(event);
    if (typeof redacted === 'object' && redacted !== null) {
      return { payload: redacted.payload, headers: redacted.headers };
    }
  } catch {
    // Fall through: withhold rather than leak.
  }
  return { payload: WITHHELD, headers: undefined };
}
