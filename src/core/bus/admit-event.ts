import { isFreshEvent } from '../events/create-event.js';
import { deepFreeze } from '../events/deep-freeze.js';
import type { Event } from '../events/event.js';
import { inheritCausation } from '../events/inherit-causation.js';
import { assertValidEvent } from '../events/validate-event.js';

/**
 * Turns what was given to `publish()` into the event the bus keeps: validated, frozen (the event,
 * its headers and, deeply, its payload), with the current flow's correlation and causation ids.
 *
 * @throws {@link InvalidEventError} if `value` is not a valid event.
 */
export function admitEvent(value: unknown): Event {
  if (isFreshEvent(value)) return inheritCausation(value);
  assertValidEvent(value);
  if (!Object.isFrozen(value)) {
    deepFreeze(value.payload);
    if (value.headers !== undefined) Object.freeze(value.headers);
    Object.freeze(value);
  }
  return inheritCausation(value);
}
