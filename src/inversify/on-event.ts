import type {
  AnyEvents,
  DeliveryContext,
  EventSelector,
  SelectedEvent,
  SubscribeOptions,
} from '../core/index.js';
import { NotAMethodError } from './errors/not-a-method-error.js';
import { recordHandler } from './handler-metadata.js';

/**
 * A method decorator that accepts any instance method (untyped `@OnEvent`). Methods may be sync or
 * async and return anything; the return value is ignored, a throw or a rejection is a failure.
 */
export type OnEventDecorator = <TMethod extends (...args: never[]) => unknown>(
  prototype: object,
  methodName: string | symbol,
  descriptor: TypedPropertyDescriptor<TMethod>,
) => void;

/**
 * A method decorator that only accepts methods whose first parameter can take `TEvent`
 * (and, optionally, a {@link DeliveryContext} second).
 */
export type TypedOnEventDecorator<TEvent> = <
  TMethod extends (event: TEvent, context: DeliveryContext) => unknown,
>(
  prototype: object,
  methodName: string | symbol,
  descriptor: TypedPropertyDescriptor<TMethod>,
) => void;

/** The `OnEvent` function made by {@link createOnEvent}: typed by the event map `TEvents`. */
export type TypedOnEvent<TEvents extends object> = <const TSelector extends EventSelector<TEvents>>(
  selector: TSelector,
  options?: SubscribeOptions<SelectedEvent<TEvents, TSelector>>,
) => TypedOnEventDecorator<SelectedEvent<TEvents, TSelector>>;

function className(target: unknown): string {
  if (typeof target === 'function') return target.name || '(anonymous class)';
  const constructor = (target as { constructor?: { name?: string } } | null)?.constructor;
  return constructor?.name || '(anonymous class)';
}

function describeMember(descriptor: unknown): string | undefined {
  if (typeof descriptor === 'number') return 'a constructor or method parameter';
  if (typeof descriptor !== 'object' || descriptor === null) return 'a property';
  const { value, get, set } = descriptor as PropertyDescriptor;
  if (get !== undefined || set !== undefined) return 'an accessor';
  return typeof value === 'function' ? undefined : 'a property';
}

/** Checks, at class definition time, that the decorator sits on an instance method. */
function assertInstanceMethod(target: unknown, methodKey: unknown, descriptor: unknown): void {
  if (methodKey === undefined) throw new NotAMethodError(className(target), '(class)', 'the class itself');
  const member = String(methodKey);
  if (typeof target === 'function') {
    throw new NotAMethodError(className(target), member, 'a static member');
  }
  const kind = describeMember(descriptor);
  if (kind !== undefined) throw new NotAMethodError(className(target), member, kind);
}

function createDecorator(selector: unknown, options: SubscribeOptions | undefined): OnEventDecorator {
  return (prototype, methodName, descriptor) => {
    assertInstanceMethod(prototype, methodName, descriptor);
    recordHandler(prototype, methodName, { selector, options });
  };
}

/**
 * Declares the decorated method a handler of the events `selector` matches; the container scanner
 * ({@link registerEventHandlers}) subscribes it on the container's bus with `options`.
 *
 * - The selector and options are those of `EventBus.subscribe()`: an event type, a wildcard pattern or
 *   an event class. The subscription is named `ClassName.methodName` unless `options.name` is set.
 * - The method runs with `this` bound to the service, exactly like a handler given to `subscribe()`:
 *   sync or async, its failures retried and dead-lettered by the bus.
 * - Several `@OnEvent` on one method subscribe it once each; inherited methods count.
 * - This form checks nothing at compile time; {@link createOnEvent} makes a typed one.
 *
 * @throws {@link NotAMethodError} as the class is defined, if put on anything but an instance method.
 * @example
 * ```ts
 * class AuditTrail {
 *   @OnEvent('**')
 *   record(event: Event): void { this.lines.push(event.type); }
 * }
 * ```
 */
export function OnEvent(selector: EventSelector<AnyEvents>, options?: SubscribeOptions): OnEventDecorator {
  return createDecorator(selector, options);
}

/**
 * Makes an `@OnEvent` checked against the event map `TEvents`: a misspelt type is a compile error,
 * and so is a method whose parameter cannot take the selected event (with an event class selector,
 * an instance of that class). Runtime behaviour is that of {@link OnEvent}.
 *
 * @example
 * ```ts
 * export const OnQuantumEvent = createOnEvent<QuantumTraderEvents>();
 *
 * class DiscordNotifier {
 *   @OnQuantumEvent('health.status_changed')
 *   async onHealthStatusChanged(event: HealthStatusChangedEvent): Promise<void> { ... }
 * }
 * ```
 */
export function createOnEvent<TEvents extends object>(): TypedOnEvent<TEvents> {
  return (selector, options) => createDecorator(selector, options as SubscribeOptions | undefined);
}
