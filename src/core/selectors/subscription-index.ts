import type { CompiledSelector } from './compile-selector.js';
import { selectorMatches } from './compile-selector.js';

/** Anything indexed by its selector. */
export interface Selectable {
  readonly selector: CompiledSelector;
}

// Distinct event types are few; the bound only protects against a flood of one-off types.
const MAX_CACHED_TYPES = 10_000;

/**
 * Finds the entries whose selector matches an event type. Results are cached per type and rebuilt
 * after a change, so delivery costs one map lookup however many types and patterns there are.
 * Each result array is never mutated once returned: a change builds new arrays.
 */
export class SubscriptionIndex<TEntry extends Selectable> {
  readonly #entries: TEntry[] = [];
  #cache = new Map<string, readonly TEntry[]>();

  add(entry: TEntry): void {
    this.#entries.push(entry);
    this.#cache = new Map();
  }

  remove(entry: TEntry): boolean {
    const index = this.#entries.indexOf(entry);
    if (index === -1) return false;
    this.#entries.splice(index, 1);
    this.#cache = new Map();
    return true;
  }

  /** Entries matching `type`, in subscription order. */
  match(type: string): readonly TEntry[] {
    const cached = this.#cache.get(type);
    if (cached !== undefined) return cached;
    const matched = this.#entries.filter((entry) => selectorMatches(entry.selector, type));
    if (this.#cache.size >= MAX_CACHED_TYPES) this.#cache = new Map();
    this.#cache.set(type, matched);
    return matched;
  }
}
