import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Peer } from '../peers/peer.js';

const run = promisify(execFile);
const CHILD = fileURLToPath(new URL('./retained-memory-child.ts', import.meta.url));
const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A retained-memory scenario: how many events are queued before the loop runs, how many times. */
export interface MemorySpec {
  readonly events: number;
  readonly repeats: number;
}

/**
 * Heap retained per queued event (event object included), in bytes, one figure per repeat: measured
 * in a fresh child process started with --expose-gc, after a forced gc, with `spec.events` published
 * before the peer's loop runs. Emitters have no queue: for them it is what their pending deliveries
 * hold (promises and async frames).
 */
export async function measureRetainedMemory(peer: Peer, spec: MemorySpec): Promise<number[]> {
  const { stdout } = await run(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', CHILD, peer.id, String(spec.events), String(spec.repeats)],
    { cwd: PROJECT_ROOT, maxBuffer: 1 << 20 },
  );
  const { bytesPerEvent } = JSON.parse(stdout) as { bytesPerEvent: number[] };
  return bytesPerEvent;
}
