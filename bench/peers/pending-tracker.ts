import type { BenchEvent, BenchHandler } from './peer.js';

/**
 * Counts deliveries still running for the peers that have no queue of their own to drain (the
 * emitters): `settle()` resolves once every tracked promise has settled. Failures are counted, never
 * rethrown, so one failing handler affects no other.
 */
export class PendingTracker {
  failures = 0;
  #pending = 0;
  #waiters: (() => void)[] = [];
  readonly #done = (): void => {
    this.#pending -= 1;
    if (this.#pending === 0 && this.#waiters.length > 0) {
      const waiters = this.#waiters;
      this.#waiters = [];
      for (const resolve of waiters) resolve();
    }
  };
  readonly #failed = (): void => {
    this.failures += 1;
    this.#done();
  };

  /** Runs `handler(event)` and tracks the promise it returns (one `then` per delivery). */
  runHandler(handler: BenchHandler, event: BenchEvent): void {
    let result: Promise<void>;
    try {
      result = handler(event);
    } catch {
      this.failures += 1;
      return;
    }
    this.#pending += 1;
    result.then(this.#done, this.#failed);
  }

  /** Tracks a promise that never rejects (an emit whose listeners are isolated). */
  track(promise: Promise<unknown>): void {
    this.#pending += 1;
    promise.then(this.#done, this.#failed);
  }

  /** Wraps `handler` so that neither a throw nor a rejection escapes; failures are counted here. */
  isolate(handler: BenchHandler): (event: BenchEvent) => Promise<void> | undefined {
    return (event) => {
      try {
        return handler(event).then(undefined, this.#countFailure);
      } catch {
        this.failures += 1;
        return undefined;
      }
    };
  }

  settle(): Promise<void> {
    if (this.#pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  readonly #countFailure = (): void => {
    this.failures += 1;
  };
}
