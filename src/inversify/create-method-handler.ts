import type { DeliveryContext, Event, EventHandler } from '../core/index.js';
import type { HandlerTarget } from './resolve-handler-target.js';

function invoke(
  instance: object,
  methodKey: string | symbol,
  event: Event,
  context: DeliveryContext,
): unknown {
  // Looked up per delivery, so a method stubbed on a singleton after the scan is the one called.
  const method = (instance as Record<string | symbol, unknown>)[methodKey] as (
    this: object,
    event: Event,
    context: DeliveryContext,
  ) => unknown;
  return method.call(instance, event, context);
}

/**
 * The handler given to `subscribe()` for one decorated method: gets the instance (the singleton, or a
 * new one per event) and calls the method with `this` bound, adding nothing (no try/catch).
 */
export function createMethodHandler(target: HandlerTarget, methodKey: string | symbol): EventHandler {
  switch (target.kind) {
    case 'fixed':
      return (event, context) => invoke(target.instance, methodKey, event, context);
    case 'sync':
      return (event, context) => invoke(target.resolve(), methodKey, event, context);
    case 'async':
      return async (event, context) => invoke(await target.resolve(), methodKey, event, context);
  }
}
