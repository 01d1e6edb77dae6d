/**
 * Decides how sparsely the inspector samples the bus, so that what it retains stays near a budget per
 * tick whatever the event rate: below the budget every event, above it one in
 * {@link RecordingSampler.every}. The bus does the counting (it announces the first event and then one
 * in `every`), so nothing here runs for events that are not sampled. `every` comes from the exact
 * count of the previous tick, and grows within a tick as the samples add up past the budget, so a
 * sudden burst is thinned at once rather than a tick late. Reads no clock: the owner calls
 * {@link RecordingSampler.tick} once per tick.
 */
export class RecordingSampler {
  readonly #perTick: number;
  /** The interval the previous tick's rate calls for. */
  #every = 1;
  /** Events the samples of this tick stand for (each one stands for the interval it was taken at). */
  #covered = 0;

  constructor(perTick: number) {
    this.#perTick = perTick;
  }

  /** One event in `every` is to be sampled now (1: all of them). */
  get every(): number {
    return Math.max(this.#every, Math.ceil(this.#covered / this.#perTick));
  }

  /** Counts one sampled event, taken at the current interval. */
  sampled(): void {
    this.#covered += this.every;
  }

  /**
   * Ends a tick in which `published` events were published. Returns true when the interval fell to
   * half or less, so the sampling must start over: a gap left from a busier tick must not hold back a
   * quiet one. (Smaller swings are left alone: a gap at most twice too long ends within two ticks.)
   */
  tick(published: number): boolean {
    const before = this.every;
    this.#every = Math.max(1, Math.ceil(published / this.#perTick));
    this.#covered = 0;
    return this.#every * 2 <= before;
  }
}
