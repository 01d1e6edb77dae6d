import { InvalidEventError } from '../errors/invalid-event-error.js';
import { buildEventFields, markFresh } from './create-event.js';
import type { Event, EventHeaders, EventOptions } from './event.js';

/**
 * A class of events: constructed from a payload, with a static `type`. Usable as a selector in
 * `subscribe()` and `@OnEvent()`.
 */
export interface EventClass<
  TType extends string = string,
  TPayload = unknown,
  TEvent extends Event<TType> = Event<TType, TPayload>,
> {
  /** The event type every instance has. */
  readonly type: TType;
  new (payload: TPayload, options?: EventOptions): TEvent;
}

/**
 * Base class for class-based events. A subclass declares its type as a static field and nothing else;
 * an instance is a frozen, plain {@link Event} the bus treats like any other.
 *
 * Subclasses must not declare instance fields: the instance is frozen by this constructor.
 *
 * @example
 * ```ts
 * export class TradeExecutedEvent extends BaseEvent<'trade.executed', TradeExecutedPayload> {
 *   static readonly type = 'trade.executed';
 * }
 * await bus.publish(new TradeExecutedEvent({ symbol: 'ETHUSDT', quantity: 2, price: 3_100 }));
 * ```
 */
export abstract class BaseEvent<TType extends string, TPayload> implements Event<TType, TPayload> {
  declare readonly id: string;
  declare readonly type: TType;
  declare readonly timestamp: Date;
  declare readonly payload: TPayload;
  declare readonly correlationId?: string;
  declare readonly causationId?: string;
  declare readonly headers?: EventHeaders;

  /** @throws {@link InvalidEventError} if the subclass has no valid static `type` or an option is malformed. */
  constructor(payload: TPayload, options?: EventOptions) {
    const type: unknown = (new.target as unknown as { type?: unknown }).type;
    if (typeof type !== 'string') {
      throw new InvalidEventError(`event class ${new.target.name} has no static "type" string`);
    }
    Object.assign(this, buildEventFields(type, payload, options));
    Object.freeze(this);
    markFresh(this);
  }
}
