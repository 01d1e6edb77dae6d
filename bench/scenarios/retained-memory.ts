import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Peer } from '../peers/peer.js';
import type { ChildRuntime } from './child-runtime.js';

const run = promisify(execFile);

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
export async function measureRetainedMemory(
  peer: Peer,
  spec: MemorySpec,
  runtime: ChildRuntime,
): Promise<number[]> {
  const child = runtime.script('bench/scenarios/retained-memory-child');
  const { stdout } = await run(
    process.execPath,
    [...runtime.execArgv, '--expose-gc', child, peer.id, String(spec.events), String(spec.repeats)],
    { cwd: runtime.cwd, maxBuffer: 1 << 20 },
  );
  const { bytesPerEvent } = JSON.parse(stdout) as { bytesPerEvent: number[] };
  return bytesPerEvent;
}
