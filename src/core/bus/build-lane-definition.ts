import type { LaneDefinition } from '../delivery/subscription-lane.js';
import { createRetryPolicy } from '../delivery/retry-policy.js';
import { InvalidSubscriptionError } from '../errors/invalid-subscription-error.js';
import type { Event } from '../events/event.js';
import { describeValue } from '../events/event-type.js';
import { compileSelector } from '../selectors/compile-selector.js';
import type { EventHandler, SubscribeOptions } from './subscription.js';

function optionalFunction<TFunction>(options: Record<string, unknown>, name: string): TFunction | undefined {
  const value = options[name];
  if (value !== undefined && typeof value !== 'function') {
    throw new InvalidSubscriptionError(`option "${name}" must be a function, got ${describeValue(value)}`);
  }
  return value as TFunction | undefined;
}

function positive(options: Record<string, unknown>, name: string, integer: boolean): number | undefined {
  const value = options[name];
  if (value === undefined) return undefined;
  if (
    typeof value !== 'number' ||
    !(value > 0) ||
    (integer && !Number.isInteger(value) && value !== Infinity)
  ) {
    throw new InvalidSubscriptionError(
      `option "${name}" must be a positive ${integer ? 'integer' : 'number'}, got ${describeValue(value)}`,
    );
  }
  return value;
}

/** Validates `subscribe()`'s arguments into a lane definition. @throws {@link InvalidSubscriptionError} */
export function buildLaneDefinition(
  id: string,
  selector: unknown,
  handler: unknown,
  options: unknown,
): LaneDefinition {
  const compiled = compileSelector(selector);
  if (typeof handler !== 'function') {
    throw new InvalidSubscriptionError(
      `the handler for "${compiled.text}" is ${describeValue(handler)}, not a function`,
    );
  }
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw new InvalidSubscriptionError(
      `options for "${compiled.text}" must be an object, got ${describeValue(options)}`,
    );
  }
  const record = (options ?? {}) as Record<string, unknown> & SubscribeOptions;
  if (record.name !== undefined && (typeof record.name !== 'string' || record.name.length === 0)) {
    throw new InvalidSubscriptionError(
      `option "name" must be a non-empty string, got ${describeValue(record.name)}`,
    );
  }
  return {
    id,
    name: record.name ?? (handler.name || `subscription-${id}`),
    selector: compiled,
    handler: handler as EventHandler,
    policy: createRetryPolicy(record.retry),
    concurrency: positive(record, 'concurrency', true) ?? 1,
    timeoutMs: positive(record, 'timeoutMs', false),
    orderingKey: optionalFunction<(event: Event) => string>(record, 'orderingKey'),
    filter: optionalFunction<(event: Event) => boolean>(record, 'filter'),
  };
}
