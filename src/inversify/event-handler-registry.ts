import type { ServiceIdentifier } from 'inversify';
import type { EventBus, Subscription } from '../core/index.js';
import type { HandlerScope } from './find-handler-candidates.js';

/** One `@OnEvent` declaration the scanner subscribed. */
export interface RegisteredHandler {
  /** The service identifier the class was found under (a class, a symbol or a string). */
  readonly serviceIdentifier: ServiceIdentifier;
  readonly className: string;
  /** The method's name. */
  readonly method: string;
  /** The selector as text: the event type or pattern (an event class gives its type). */
  readonly selector: string;
  /** `Singleton`: one instance, resolved at scan time; `Transient`/`Request`: resolved per delivered event. */
  readonly scope: HandlerScope;
  /** The bus subscription; its name is `ClassName.method` unless `@OnEvent` set one. */
  readonly subscription: Subscription;
}

/** What one {@link registerEventHandlers} call subscribed. */
export interface EventHandlerRegistry extends Disposable {
  /** The bus the handlers were subscribed on: the container's `TYPES.EventBus` at scan time. */
  readonly bus: EventBus;
  /** Every subscription made by this call, in scan order (empty if all were subscribed already). */
  readonly subscriptions: readonly RegisteredHandler[];
  /**
   * Unsubscribes everything this call subscribed (see `Subscription.unsubscribe()` for in-flight
   * events); a later scan subscribes those methods again. Calling it twice is harmless.
   */
  dispose(): void;
}
