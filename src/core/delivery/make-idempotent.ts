import { describeValue } from '../events/event-type.js';
import type { Event } from '../events/event.js';
import { InvalidOptionsError } from '../errors/invalid-options-error.js';

/** Remembers which event ids a handler has finished, for a while. Methods may return promises. */
export interface IdempotencyStore {
  /** True if `key` was recorded and has not expired. */
  has(key: string): boolean | Promise<boolean>;
  /** Records `key` for `ttlMs` milliseconds. */
  add(key: string, ttlMs: number): void | Promise<void>;
}

/** Options of {@link makeIdempotent}. */
export interface IdempotencyOptions {
  /** Where handled ids are kept. @defaultValue a new `InMemoryIdempotencyStore` */
  readonly store?: IdempotencyStore;
  /** How long an id is remembered. @defaultValue 3_600_000 (one hour) */
  readonly ttlMs?: number;
  /** Distinguishes handlers sharing one store. @defaultValue the handler's name */
  readonly scope?: string;
}

const DEFAULT_IDEMPOTENCY_TTL_MS = 3_600_000;

/**
 * An in-memory {@link IdempotencyStore} with expiry. Expired keys are swept as new ones are added,
 * so memory stays proportional to the ids seen within one TTL.
 */
export class InMemoryIdempotencyStore implements IdempotencyStore {
  readonly #expiries = new Map<string, number>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  has(key: string): boolean {
    const expiry = this.#expiries.get(key);
    if (expiry === undefined) return false;
    if (expiry > this.#now()) return true;
    this.#expiries.delete(key);
    return false;
  }

  add(key: string, ttlMs: number): void {
    const now = this.#now();
    // Map iterates in insertion order, and TTLs are equal per handler, so expired keys come first.
    for (const [stale, expiry] of this.#expiries) {
      if (expiry > now) break;
      this.#expiries.delete(stale);
    }
    this.#expiries.delete(key);
    this.#expiries.set(key, now + ttlMs);
  }

  get size(): number {
    return this.#expiries.size;
  }
}

/**
 * Wraps `handler` so that an event id it has already handled successfully is skipped: for consumers
 * of an at-least-once stream (Redis redeliveries, replays). A failed run records nothing, so the
 * retry runs the handler again.
 *
 * @example
 * ```ts
 * bus.subscribe('trade.executed', makeIdempotent(bookTrade, { ttlMs: 86_400_000 }));
 * ```
 */
export function makeIdempotent<TEvent extends Event, TContext>(
  handler: (event: TEvent, context: TContext) => unknown,
  options: IdempotencyOptions = {},
): (event: TEvent, context: TContext) => Promise<void> {
  const store = options.store ?? new InMemoryIdempotencyStore();
  const ttlMs = options.ttlMs ?? DEFAULT_IDEMPOTENCY_TTL_MS;
  if (!(ttlMs > 0))
    throw new InvalidOptionsError('ttlMs', `must be a positive number, got ${describeValue(ttlMs)}`);
  const scope = options.scope ?? handler.name;
  const idempotent = async (event: TEvent, context: TContext): Promise<void> => {
    const key = `${scope}:${event.id}`;
    if (await store.has(key)) return;
    await handler(event, context);
    await store.add(key, ttlMs);
  };
  Object.defineProperty(idempotent, 'name', { value: handler.name || 'idempotent' });
  return idempotent;
}
