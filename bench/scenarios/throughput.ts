import type { Peer } from '../peers/peer.js';
import { countingHandler, expectedTallies, Tally, verifyTallies } from './tally.js';

/** A throughput scenario: which types are published, which selectors are subscribed, how many events. */
export interface ThroughputSpec {
  readonly events: number;
  /** Event `i` has type `types[i % types.length]`. */
  readonly types: readonly string[];
  /** One counting handler per selector. */
  readonly selectors: readonly string[];
  /** Events published before waiting for them to settle. */
  readonly burst: number;
}

/** Time per event of one run, in nanoseconds: elapsed, and CPU time of the whole process. */
export interface ThroughputFigures {
  readonly wallNs: number;
  /** User + system CPU time of the process (GC and compiler threads included); robust on a busy machine. */
  readonly cpuNs: number;
}

/**
 * Publishes `spec.events` events in bursts (building each event inside the timed loop), waits for
 * every burst to be handled, checks that every handler got exactly its events, and returns the
 * time per event.
 *
 * @throws {@link DeliveryMismatchError} if an event was lost or duplicated, or a handler failed.
 */
export async function measureThroughput(peer: Peer, spec: ThroughputSpec): Promise<ThroughputFigures> {
  const tallies = spec.selectors.map(() => new Tally());
  const instance = await peer.create({
    subscriptions: spec.selectors.map((selector, index) => ({
      selector,
      handler: countingHandler(tallies[index] as Tally),
    })),
  });
  instance.start();
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  for (let first = 0; first < spec.events; first += spec.burst) {
    instance.publishRange(spec.types, first, Math.min(spec.burst, spec.events - first));
    await instance.settle();
  }
  const elapsedNs = Number(process.hrtime.bigint() - started);
  const cpu = process.cpuUsage(cpuBefore);
  await instance.close();
  verifyTallies(
    spec.selectors,
    tallies,
    expectedTallies(spec.selectors, spec.types, spec.events),
    instance.failures,
  );
  return { wallNs: elapsedNs / spec.events, cpuNs: ((cpu.user + cpu.system) * 1000) / spec.events };
}
