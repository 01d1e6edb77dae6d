/** Counts per time bucket, oldest first, the last bucket being the current (partial) one. */
export interface RateSnapshot {
  readonly bucketMs: number;
  /** End of the last bucket, in milliseconds since the epoch. */
  readonly endsAt: number;
  readonly counts: readonly number[];
}

/**
 * Counts of something (events published, attempts failed) per time bucket over a sliding window, in a
 * fixed array: memory stays the same whatever the rate. `add()` is O(1), allocates nothing and reads
 * no clock (a clock read costs more than the rest of the hook); the owner calls `rotate()` a few times
 * per bucket to move on, so a count lands at most one rotation period late.
 */
export class RateSeries {
  readonly #bucketMs: number;
  readonly #counts: Float64Array;
  readonly #now: () => number;
  #index = 0;
  #bucketEnd: number;

  constructor(buckets: number, bucketMs: number, now: () => number = Date.now) {
    this.#bucketMs = bucketMs;
    this.#counts = new Float64Array(buckets);
    this.#now = now;
    this.#bucketEnd = this.#alignedEnd(now());
  }

  /** Counts `count` occurrences (one by default) in the current bucket. */
  add(count = 1): void {
    this.#counts[this.#index] = (this.#counts[this.#index] as number) + count;
  }

  /** Moves to the bucket of the current time, zeroing the buckets of idle time. */
  rotate(): void {
    const now = this.#now();
    if (now >= this.#bucketEnd) this.#advance(now);
  }

  /** The counts of the window ending now, oldest first (idle buckets are zeros). */
  snapshot(): RateSnapshot {
    this.rotate();
    const length = this.#counts.length;
    const counts = new Array<number>(length);
    for (let offset = 0; offset < length; offset++) {
      counts[offset] = this.#counts[(this.#index + 1 + offset) % length] as number;
    }
    return { bucketMs: this.#bucketMs, endsAt: this.#bucketEnd, counts };
  }

  #advance(now: number): void {
    const elapsed = Math.floor((now - this.#bucketEnd) / this.#bucketMs) + 1;
    const length = this.#counts.length;
    for (let step = 0; step < Math.min(elapsed, length); step++) {
      this.#index = this.#index + 1 === length ? 0 : this.#index + 1;
      this.#counts[this.#index] = 0;
    }
    this.#bucketEnd = this.#alignedEnd(now);
  }

  #alignedEnd(now: number): number {
    return (Math.floor(now / this.#bucketMs) + 1) * this.#bucketMs;
  }
}
