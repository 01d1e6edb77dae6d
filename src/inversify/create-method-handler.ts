import type { DeliveryContext, Event, EventHandler } from '../core/index.js';
import type { HandlerTarget } from './resolve-handler-target.js';

type Method = (this: object, event: Event, context?: DeliveryContext) => unknown;

function invoke(
  instance: object,
  methodKey: string | symbol,
  event: Event,
  context?: DeliveryContext,
): unknown {
  // Looked up per delivery, so a method stubbed on a singleton after the scan is the one called.
  const method = (instance as Record<string | symbol, unknown>)[methodKey] as Method;
  return context === undefined ? method.call(instance, event) : method.call(instance, event, context);
}

/**
 * The handler given to `subscribe()` for one decorated method: gets the instance (the singleton, or a
 * new one per event) and calls the method with `this` bound, adding nothing (no try/catch).
 *
 * The handler declares a context parameter only if the method does (`arity` > 1): the bus builds a
 * `DeliveryContext` (with an AbortSignal) only for handlers that declare one, as with `subscribe()`.
 */
export function createMethodHandler(
  target: HandlerTarget,
  methodKey: string | symbol,
  arity: number,
): EventHandler {
  const wantsContext = arity > 1;
  switch (target.kind) {
    case 'fixed': {
      const { instance } = target;
      return wantsContext
        ? (event, context) => invoke(instance, methodKey, event, context)
        : (event) => invoke(instance, methodKey, event);
    }
    case 'sync':
      return wantsContext
        ? (event, context) => invoke(target.resolve(), methodKey, event, context)
        : (event) => invoke(target.resolve(), methodKey, event);
    case 'async':
      return wantsContext
        ? async (event, context) => invoke(await target.resolve(), methodKey, event, context)
        : async (event) => invoke(await target.resolve(), methodKey, event);
  }
}

/** How many parameters the method declares; 2 (so it gets a context) when it cannot be read. */
export function methodArity(holder: unknown, methodKey: string | symbol): number {
  try {
    const method: unknown = Reflect.get(holder as object, methodKey);
    return typeof method === 'function' ? method.length : 2;
  } catch {
    return 2;
  }
}
