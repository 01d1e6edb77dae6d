/**
 * Decides which published events the inspector records, so that what it retains stays near a budget
 * per tick whatever the event rate: below the budget, every event; above, one in `every`, evenly
 * spaced. `every` comes from the previous tick's count and grows within a tick as soon as the count
 * passes the budget, so a sudden burst is sampled at once rather than one tick late. Reads no clock:
 * the owner calls {@link RecordingSampler.tick} once per tick.
 */
export class RecordingSampler {
  readonly #perTick: number;
  /** Events seen in the current tick. */
  #count = 0;
  /** The interval the previous tick's rate calls for. */
  #every = 1;
  /** Events until the next one recorded; the next one is when this reaches 0. */
  #untilNext = 0;

  constructor(perTick: number) {
    this.#perTick = perTick;
  }

  /** One event in `every` is recorded now (1: all of them). */
  get every(): number {
    return Math.max(this.#every, Math.ceil(this.#count / this.#perTick));
  }

  /** Counts one event; true if it is one to record. */
  admit(): boolean {
    this.#count += 1;
    if (--this.#untilNext > 0) return false;
    this.#untilNext = this.every;
    return true;
  }

  /** Ends a tick: the next one samples at the rate this one saw. */
  tick(): void {
    this.#every = Math.max(1, Math.ceil(this.#count / this.#perTick));
    this.#count = 0;
    // A countdown left from a busier tick must not hold back the first events of a quiet one.
    this.#untilNext = Math.min(this.#untilNext, this.#every);
  }
}
