/**
 * Counts published events and decides which the inspector records, so that what it retains stays near
 * a budget per tick whatever the event rate: below the budget, every event; above, one in `every`,
 * evenly spaced. `every` comes from the previous tick's count and grows within a tick as soon as the
 * count passes the budget, so a sudden burst is sampled at once rather than one tick late. Reads no
 * clock: the owner calls {@link RecordingSampler.tick} once per tick. {@link RecordingSampler.admit}
 * runs for every event, so it is one increment and one comparison unless the event is recorded.
 */
export class RecordingSampler {
  readonly #perTick: number;
  /** Events seen since creation. */
  #seen = 0;
  /** Events seen when the current tick began. */
  #seenAtTick = 0;
  /** The interval the previous tick's rate calls for. */
  #every = 1;
  /** The number (in `#seen` order) of the next event to record. */
  #next = 1;

  constructor(perTick: number) {
    this.#perTick = perTick;
  }

  /** Events counted since creation. */
  get seen(): number {
    return this.#seen;
  }

  /** One event in `every` is recorded now (1: all of them). */
  get every(): number {
    return Math.max(this.#every, Math.ceil((this.#seen - this.#seenAtTick) / this.#perTick));
  }

  /** Counts one event; true if it is one to record. */
  admit(): boolean {
    if (++this.#seen < this.#next) return false;
    this.#next = this.#seen + this.every;
    return true;
  }

  /** Ends a tick: the next one samples at the rate this one saw. */
  tick(): void {
    this.#every = Math.max(1, Math.ceil((this.#seen - this.#seenAtTick) / this.#perTick));
    this.#seenAtTick = this.#seen;
    // A gap left from a busier tick must not hold back the first events of a quiet one.
    this.#next = Math.min(this.#next, this.#seen + this.#every);
  }
}
