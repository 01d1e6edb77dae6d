// Child process of the retained-memory scenario, started with --expose-gc: builds one peer, publishes
// events before its loop runs, and prints the heap retained per queued event as JSON on stdout.
import { getHeapStatistics } from 'node:v8';
import { findPeer } from '../peers/all-peers.js';
import type { Peer } from '../peers/peer.js';
import { countingHandler, expectedTallies, Tally, verifyTallies } from './tally.js';

const TYPE = 'market.tick';

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('start this child with --expose-gc');

function heapAfterGc(): number {
  // Two passes: the first may only schedule finalisation of what it found dead.
  gc?.();
  gc?.();
  return getHeapStatistics().used_heap_size;
}

async function measureOnce(peer: Peer, events: number): Promise<number> {
  const tally = new Tally();
  const instance = await peer.create({
    subscriptions: [{ selector: TYPE, handler: countingHandler(tally) }],
  });
  const before = heapAfterGc();
  instance.publishRange([TYPE], 0, events);
  const after = heapAfterGc();
  instance.start();
  await instance.settle();
  await instance.close();
  verifyTallies([TYPE], [tally], expectedTallies([TYPE], [TYPE], events), instance.failures);
  return (after - before) / events;
}

const [peerId = '', eventsText = '100000', repeatsText = '3'] = process.argv.slice(2);
const events = Number(eventsText);
const peer = await findPeer(peerId);
await measureOnce(peer, Math.min(events, 10_000)); // warm-up: compiled code and caches are not per event
const bytesPerEvent: number[] = [];
for (let repeat = 0; repeat < Number(repeatsText); repeat += 1)
  bytesPerEvent.push(await measureOnce(peer, events));
process.stdout.write(`${JSON.stringify({ bytesPerEvent })}\n`);
