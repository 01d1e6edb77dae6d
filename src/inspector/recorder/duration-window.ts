/** Handler durations of one subscription at the two percentiles the inspector shows, in milliseconds. */
export interface DurationPercentiles {
  readonly p50: number;
  readonly p99: number;
  /** How many of the latest durations they were computed from. */
  readonly samples: number;
}

/**
 * The latest `capacity` durations of one subscription in a fixed `Float64Array`: recording is O(1)
 * and allocates nothing; percentiles are computed (by sorting a copy) only when asked, and cached
 * until the next recording.
 */
export class DurationWindow {
  readonly #samples: Float64Array;
  #next = 0;
  #count = 0;
  #cached: DurationPercentiles | undefined;

  constructor(capacity: number) {
    this.#samples = new Float64Array(capacity);
  }

  record(durationMs: number): void {
    this.#samples[this.#next] = durationMs;
    this.#next = this.#next + 1 === this.#samples.length ? 0 : this.#next + 1;
    if (this.#count < this.#samples.length) this.#count += 1;
    this.#cached = undefined;
  }

  /** p50 and p99 of the durations held (nearest-rank), or `undefined` before the first one. */
  percentiles(): DurationPercentiles | undefined {
    if (this.#count === 0) return undefined;
    if (this.#cached !== undefined) return this.#cached;
    const sorted = this.#samples.slice(0, this.#count).sort();
    this.#cached = { p50: nearestRank(sorted, 0.5), p99: nearestRank(sorted, 0.99), samples: this.#count };
    return this.#cached;
  }
}

function nearestRank(sorted: Float64Array, quantile: number): number {
  const rank = Math.max(1, Math.ceil(quantile * sorted.length));
  return sorted[rank - 1] as number;
}
