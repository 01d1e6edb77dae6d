import type { Peer } from '../peers/peer.js';
import type { ChildRuntime } from './child-runtime.js';
import { startWorkers } from './peer-worker-client.js';

/**
 * Runs the conformance check (see conformance.ts) of every peer, each in a process of its own that
 * is then closed, so the failing and slow handlers of the check leave no trace in the processes
 * that are timed. Returns the peers that pass; `reject` is told why the others are left out.
 */
export async function checkPeers(
  peers: readonly Peer[],
  runtime: ChildRuntime,
  reject: (peer: Peer, reason: string) => void,
): Promise<Peer[]> {
  const workers = await startWorkers(peers, runtime);
  const passed: Peer[] = [];
  await Promise.all(
    workers.map(async (worker, index) => {
      const peer = peers[index] as Peer;
      if (worker instanceof Error) {
        reject(peer, worker.message);
        return;
      }
      try {
        await worker.run({ kind: 'conformance' });
        passed.push(peer);
      } catch (error) {
        reject(peer, error instanceof Error ? error.message : String(error));
      } finally {
        worker.close();
      }
    }),
  );
  return peers.filter((peer) => passed.includes(peer));
}
