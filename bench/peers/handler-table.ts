import type { BenchHandler, BenchSubscription } from './peer.js';

function matchSegments(
  type: readonly string[],
  at: number,
  pattern: readonly string[],
  from: number,
): boolean {
  if (from === pattern.length) return at === type.length;
  const segment = pattern[from];
  if (segment === '**') {
    for (let next = at; next <= type.length; next += 1)
      if (matchSegments(type, next, pattern, from + 1)) return true;
    return false;
  }
  return (
    at < type.length &&
    (segment === '*' || segment === type[at]) &&
    matchSegments(type, at + 1, pattern, from + 1)
  );
}

/** True if `selector` (an exact type or a pattern with `*` / `**` segments) matches `type`. */
export function selectorMatches(selector: string, type: string): boolean {
  if (!selector.includes('*')) return selector === type;
  return matchSegments(type.split('.'), 0, selector.split('.'), 0);
}

/**
 * The baseline's lookup: handlers per event type, computed on first use and cached, so a delivery
 * costs one `Map` lookup whatever the number of types and patterns (the limit of this design).
 */
export class HandlerTable {
  readonly #subscriptions: readonly BenchSubscription[];
  readonly #byType = new Map<string, readonly BenchHandler[]>();

  constructor(subscriptions: readonly BenchSubscription[]) {
    this.#subscriptions = subscriptions;
  }

  handlersFor(type: string): readonly BenchHandler[] {
    let handlers = this.#byType.get(type);
    if (handlers === undefined) {
      handlers = this.#subscriptions.filter((s) => selectorMatches(s.selector, type)).map((s) => s.handler);
      this.#byType.set(type, handlers);
    }
    return handlers;
  }
}
