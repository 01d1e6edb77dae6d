import type { SubscribeOptions } from '../core/index.js';

/** One `@OnEvent(selector, options)` on a method. */
export interface HandlerDeclaration {
  /** What `subscribe()` accepts: an event type, a wildcard pattern or an event class. */
  readonly selector: unknown;
  readonly options: SubscribeOptions | undefined;
}

/** A method with its `@OnEvent` declarations, in source order. */
export interface HandlerMethod {
  readonly methodKey: string | symbol;
  readonly declarations: readonly HandlerDeclaration[];
}

type HandlerTable = Map<string | symbol, HandlerDeclaration[]>;

// A `Symbol.for()` key on the prototype rather than a module-level WeakMap: two copies of the
// package (an app and a library each bundling one) still see each other's declarations.
const HANDLERS = Symbol.for('@quantum-trader/eventbus:OnEventHandlers');

function ownTable(prototype: object): HandlerTable | undefined {
  const descriptor = Object.getOwnPropertyDescriptor(prototype, HANDLERS);
  return descriptor?.value instanceof Map ? (descriptor.value as HandlerTable) : undefined;
}

/** Appends a declaration to `prototype`'s own table; never replaces an earlier one. */
export function recordHandler(
  prototype: object,
  methodKey: string | symbol,
  declaration: HandlerDeclaration,
): void {
  let table = ownTable(prototype);
  if (table === undefined) {
    table = new Map();
    Object.defineProperty(prototype, HANDLERS, { value: table, enumerable: false });
  }
  const declarations = table.get(methodKey) ?? [];
  // Stacked decorators run bottom-up; putting each in front keeps the order they are written in.
  declarations.unshift(declaration);
  table.set(methodKey, declarations);
}

/**
 * The handler methods of instances with this prototype, base classes included. For a method
 * declared along the chain, the most derived class that decorates it wins, so an override is
 * subscribed once: with its own decorators if it has any, else with its base's.
 * Returns an empty list for anything it cannot read (a null prototype, a hostile proxy).
 */
export function collectHandlerMethods(prototype: unknown): readonly HandlerMethod[] {
  const methods: HandlerMethod[] = [];
  const seen = new Set<string | symbol>();
  try {
    for (
      let current = prototype;
      typeof current === 'object' && current !== null && current !== Object.prototype;
      current = Object.getPrototypeOf(current)
    ) {
      const table = ownTable(current);
      if (table === undefined) continue;
      for (const [methodKey, declarations] of table) {
        if (seen.has(methodKey)) continue;
        seen.add(methodKey);
        methods.push({ methodKey, declarations: [...declarations] });
      }
    }
  } catch {
    return [];
  }
  return methods;
}
