import { inheritedIds } from '../context/causation-context.js';
import { deepFreeze } from './deep-freeze.js';
import type { Event, EventOptions } from './event.js';
import { createEventId } from './event-id.js';
import { currentTimestamp } from './immutable-date.js';
import type { BusEvent, EventType } from './event-map.js';
import { assertValidEvent, assertValidEventType } from './validate-event.js';

/** Builds the fields of a new event; shared by {@link createEvent} and `BaseEvent`. Validates them. */
export function buildEventFields(type: string, payload: unknown, options: EventOptions | undefined): Event {
  const inherited = inheritedIds();
  const fields: { -readonly [K in keyof Event]: Event[K] } = {
    id: options?.id ?? createEventId(),
    type,
    timestamp: options?.timestamp ?? currentTimestamp(),
    payload: deepFreeze(payload),
  };
  // Optional fields are set only when present: a queued event stays small.
  const correlationId = options?.correlationId ?? inherited?.correlationId;
  const causationId = options?.causationId ?? inherited?.causationId;
  if (correlationId !== undefined) fields.correlationId = correlationId;
  if (causationId !== undefined) fields.causationId = causationId;
  if (options?.headers !== undefined) fields.headers = Object.freeze({ ...options.headers });
  // Outside a flow and without options only the type can be wrong: the id and timestamp are ours.
  if (options === undefined && inherited === undefined) assertValidEventType(type);
  else assertValidEvent(fields);
  return fields;
}

let lastCreated: Event | undefined;

/**
 * True if `value` is the event that {@link createEvent} or a `BaseEvent` constructor returned last:
 * validated and frozen already, so nothing in it can have changed (the usual
 * `bus.publish(createEvent(...))`), and admission need not check it again.
 */
export function isFreshEvent(value: unknown): value is Event {
  return value === lastCreated && value !== undefined;
}

/** Records an event this module has just validated and frozen. */
export function markFresh(event: Event): void {
  lastCreated = event;
}

/**
 * Creates a frozen event. Inside a handler (or `runWithCorrelation()`), it inherits the flow's
 * correlation id and the handled event's id as causation id, unless `options` sets them.
 *
 * @throws {@link InvalidEventError} if `type` is not a dot-separated name or an option is malformed.
 * @example
 * ```ts
 * await bus.publish(createEvent('trade.executed', { symbol: 'BTCUSDT', quantity: 0.5, price: 64_000 }));
 * ```
 */
export function createEvent<const TType extends string, TPayload>(
  type: TType,
  payload: TPayload,
  options?: EventOptions,
): Event<TType, TPayload> {
  const event = Object.freeze(buildEventFields(type, payload, options)) as Event<TType, TPayload>;
  lastCreated = event;
  return event;
}

/**
 * Returns a `createEvent` bound to an event map, so the payload is checked (and contextually typed)
 * against the type: `'BUY'` stays a literal, a missing field is a compile error.
 *
 * @example
 * ```ts
 * const event = createEventFactory<QuantumTraderEvents>();
 * await bus.publish(event('trade.executed', { orderId: 'o-1', symbol: 'ETHUSDT', side: 'BUY', quantity: 2, price: 3_100 }));
 * ```
 */
export function createEventFactory<TEvents extends object>(): <TType extends EventType<TEvents>>(
  type: TType,
  payload: TEvents[TType],
  options?: EventOptions,
) => BusEvent<TEvents, TType> {
  return (type, payload, options) =>
    createEvent(type, payload, options) as unknown as BusEvent<TEvents, typeof type>;
}
