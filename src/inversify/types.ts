import type { ServiceIdentifier } from 'inversify';
import type { EventBus } from '../core/index.js';

/**
 * The service identifiers this package binds and looks up. Each is a `Symbol.for()` key, so two
 * copies of the package agree on it, and is typed, so `container.get(TYPES.EventBus)` infers.
 */
export const TYPES = Object.freeze({
  /**
   * The event bus. {@link eventBusModule} binds it; the scanner subscribes `@OnEvent` methods on
   * whatever the container resolves for it at scan time (so a rebound mock bus is the one used).
   */
  EventBus: Symbol.for('@quantum-trader/eventbus:EventBus') as ServiceIdentifier<EventBus>,
});
