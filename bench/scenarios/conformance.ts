import { setImmediate as nextTurn } from 'node:timers/promises';
import type { BenchHandler, Peer } from '../peers/peer.js';
import { DeliveryMismatchError } from './tally.js';

const TYPE = 'conformance.checked';
const EVENTS = 5;

/**
 * Checks, before anything is timed, that a peer does the work the figures assume: it waits for
 * handlers that finish on a later turn of the event loop, a handler that throws or rejects affects
 * no other handler and never reaches the publisher, and every handler gets every event once.
 *
 * @throws {@link DeliveryMismatchError} if it does not.
 */
export async function checkConformance(peer: Peer): Promise<void> {
  const seen = { slow: [] as number[], pattern: [] as number[] };
  let failingCalls = 0;
  const failing: BenchHandler = (event) => {
    failingCalls += 1;
    if (event.payload.seq === 1) throw new Error('sync failure');
    return event.payload.seq === 2 ? Promise.reject(new Error('async failure')) : Promise.resolve();
  };
  const slow: BenchHandler = async (event) => {
    await nextTurn();
    seen.slow.push(event.payload.seq);
  };
  const pattern: BenchHandler = async (event) => {
    seen.pattern.push(event.payload.seq);
  };
  const instance = await peer.create({
    subscriptions: [
      { selector: TYPE, handler: failing },
      { selector: TYPE, handler: slow },
      ...(peer.supportsWildcards ? [{ selector: 'conformance.*', handler: pattern }] : []),
    ],
  });
  instance.start();
  instance.publishRange([TYPE], 0, EVENTS);
  await instance.settle();
  const failures = instance.failures;
  await instance.close();
  const expected = JSON.stringify([0, 1, 2, 3, 4]);
  const problems = [
    JSON.stringify([...seen.slow].sort()) === expected
      ? ''
      : `the slow handler got [${seen.slow.join(', ')}] when settled`,
    !peer.supportsWildcards || JSON.stringify([...seen.pattern].sort()) === expected
      ? ''
      : `the pattern handler got [${seen.pattern.join(', ')}]`,
    failingCalls >= EVENTS ? '' : `the failing handler was called ${failingCalls} times`,
    failures >= 2 ? '' : `${failures} failures were counted, 2 expected`,
  ].filter((problem) => problem !== '');
  if (problems.length > 0)
    throw new DeliveryMismatchError(`${peer.id} does not do the same work: ${problems.join('; ')}`);
}
