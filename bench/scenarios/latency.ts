import { setImmediate as nextTurn } from 'node:timers/promises';
import type { BenchHandler, Peer } from '../peers/peer.js';
import { percentile } from '../report/stats.js';
import { DeliveryMismatchError } from './tally.js';

/** A latency scenario: one type, one handler, events offered at a fixed rate. */
export interface LatencySpec {
  readonly ratePerSecond: number;
  readonly durationMs: number;
}

/** Latency from `publish` (just before building the event) to the first line of the handler, in µs. */
export interface LatencyFigures {
  readonly p50Us: number;
  readonly p99Us: number;
  readonly maxUs: number;
  /** Events per second actually offered (below the target rate if the publisher fell behind). */
  readonly offeredPerSecond: number;
}

const TYPE = 'market.tick';

/**
 * Offers events at `spec.ratePerSecond` for `spec.durationMs`: the publisher wakes on every turn of
 * the event loop and publishes the next event once it is due, stamped just before it is built and
 * published. At most one event per turn: after a pause (a gc, the process descheduled) it catches up
 * one turn at a time rather than in a burst, so a queued peer's latency is not the time to publish
 * the rest of a burst. The handler records when it starts.
 *
 * @throws {@link DeliveryMismatchError} if an event was lost or delivered twice.
 */
export async function measureLatency(peer: Peer, spec: LatencySpec): Promise<LatencyFigures> {
  const total = Math.round((spec.ratePerSecond * spec.durationMs) / 1000);
  const latencies = new Float64Array(total).fill(Number.NaN);
  let duplicates = 0;
  const handler: BenchHandler = async (event) => {
    const startedAt = performance.now();
    const { seq, sentAt } = event.payload;
    if (!Number.isNaN(latencies[seq] as number)) duplicates += 1;
    latencies[seq] = startedAt - sentAt;
  };
  const instance = await peer.create({ subscriptions: [{ selector: TYPE, handler }] });
  instance.start();
  const intervalMs = 1000 / spec.ratePerSecond;
  const startedAt = performance.now();
  for (let seq = 0; seq < total;) {
    if (startedAt + seq * intervalMs <= performance.now()) {
      instance.publishOne(TYPE, seq, performance.now());
      seq += 1;
    }
    await nextTurn();
  }
  await instance.settle();
  const elapsedMs = performance.now() - startedAt;
  await instance.close();
  const missing = latencies.reduce((count, latency) => (Number.isNaN(latency) ? count + 1 : count), 0);
  if (missing > 0 || duplicates > 0 || instance.failures > 0) {
    throw new DeliveryMismatchError(
      `${missing} events lost, ${duplicates} delivered twice, ${instance.failures} handler failures`,
    );
  }
  const sorted = latencies.sort();
  return {
    p50Us: percentile(sorted, 0.5) * 1000,
    p99Us: percentile(sorted, 0.99) * 1000,
    maxUs: (sorted[sorted.length - 1] as number) * 1000,
    offeredPerSecond: total / (elapsedMs / 1000),
  };
}
