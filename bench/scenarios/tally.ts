import { selectorMatches } from '../peers/handler-table.js';
import type { BenchHandler } from '../peers/peer.js';

/** What one subscription received: how many events and the sum of their sequence numbers. */
export class Tally {
  count = 0;
  sum = 0;
}

/** A handler that only counts: the work every peer's handler does in the throughput runs. */
export function countingHandler(tally: Tally): BenchHandler {
  return async (event) => {
    tally.count += 1;
    tally.sum += event.payload.seq;
  };
}

/** Thrown when a run lost or duplicated deliveries: such a run is an error, not a figure. */
export class DeliveryMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeliveryMismatchError';
  }
}

/**
 * What each selector must receive when events `0 .. events - 1` are published, event `i` of type
 * `types[i % types.length]`. Computed with the bench's own matcher, not the bus's.
 */
export function expectedTallies(
  selectors: readonly string[],
  types: readonly string[],
  events: number,
): Tally[] {
  const perType = types.map(() => new Tally());
  for (let seq = 0; seq < events; seq += 1) {
    const tally = perType[seq % types.length] as Tally;
    tally.count += 1;
    tally.sum += seq;
  }
  return selectors.map((selector) => {
    const expected = new Tally();
    types.forEach((type, index) => {
      if (!selectorMatches(selector, type)) return;
      expected.count += (perType[index] as Tally).count;
      expected.sum += (perType[index] as Tally).sum;
    });
    return expected;
  });
}

/** Throws {@link DeliveryMismatchError} unless every subscription got exactly its events, once each. */
export function verifyTallies(
  selectors: readonly string[],
  actual: readonly Tally[],
  expected: readonly Tally[],
  failures: number,
): void {
  if (failures > 0) throw new DeliveryMismatchError(`${failures} handler failures in a run where none fails`);
  selectors.forEach((selector, index) => {
    const got = actual[index] as Tally;
    const want = expected[index] as Tally;
    if (got.count !== want.count || got.sum !== want.sum) {
      throw new DeliveryMismatchError(
        `subscription ${index} ("${selector}") received ${got.count} events (seq sum ${got.sum}); ` +
          `expected ${want.count} (seq sum ${want.sum}): events were lost or duplicated`,
      );
    }
  });
}
