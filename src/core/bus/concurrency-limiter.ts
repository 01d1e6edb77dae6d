/** Something that waits for a permit and is told to try again when one is released. */
export interface PermitWaiter {
  resume(): void;
}

/**
 * Dispatcher-wide cap on handlers running at once. A waiter that found no permit is resumed, in
 * the order it asked, when one is released, so one slow subscription cannot take every permit for ever.
 */
export class ConcurrencyLimiter {
  #available: number;
  readonly #waiters = new Set<PermitWaiter>();

  constructor(readonly limit: number) {
    this.#available = limit;
  }

  /** Takes a permit if one is free; otherwise remembers `waiter` and returns false. */
  tryAcquire(waiter: PermitWaiter): boolean {
    if (this.limit === Infinity) return true;
    if (this.#available > 0) {
      this.#available -= 1;
      return true;
    }
    this.#waiters.add(waiter);
    return false;
  }

  release(): void {
    if (this.limit === Infinity) return;
    this.#available += 1;
    if (this.#waiters.size === 0) return;
    const [next] = this.#waiters;
    if (next === undefined) return;
    this.#waiters.delete(next);
    next.resume();
  }
}
