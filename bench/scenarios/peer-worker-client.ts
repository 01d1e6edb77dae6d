import { type ChildProcess, fork } from 'node:child_process';
import type { Peer } from '../peers/peer.js';
import type { ChildRuntime } from './child-runtime.js';
import type { Figure, WorkerReply, WorkerRequest } from './worker-protocol.js';

type Request = WorkerRequest extends infer TRequest
  ? TRequest extends WorkerRequest
    ? Omit<TRequest, 'id'>
    : never
  : never;

/** The parent's handle on a peer's worker process (see peer-worker.ts). */
export class PeerWorker {
  readonly peer: Peer;
  readonly #child: ChildProcess;
  readonly #pending = new Map<number, { resolve(figure: Figure): void; reject(error: Error): void }>();
  #nextId = 1;

  private constructor(peer: Peer, child: ChildProcess) {
    this.peer = peer;
    this.#child = child;
    child.on('message', (reply: WorkerReply) => {
      const pending = this.#pending.get(reply.id);
      this.#pending.delete(reply.id);
      if (reply.ok) pending?.resolve(reply.figure);
      else pending?.reject(new Error(reply.error));
    });
    child.on('exit', (code, signal) => {
      for (const { reject } of this.#pending.values())
        reject(new Error(`the ${peer.id} worker exited (${signal ?? `code ${code}`})`));
      this.#pending.clear();
    });
  }

  /** Starts the worker and resolves once it has loaded its peer. */
  static start(peer: Peer, runtime: ChildRuntime): Promise<PeerWorker> {
    const child = fork(runtime.script('bench/scenarios/peer-worker'), [peer.id], {
      cwd: runtime.cwd,
      execArgv: [...runtime.execArgv, '--expose-gc'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const worker = new PeerWorker(peer, child);
    return new Promise((resolve, reject) => {
      worker.#pending.set(0, { resolve: () => resolve(worker), reject });
    });
  }

  /** Runs one request in the worker; rejects with the worker's error (e.g. a delivery mismatch). */
  run(request: Request): Promise<Figure> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#child.send({ ...request, id });
    });
  }

  close(): void {
    if (this.#child.connected) this.#child.disconnect();
  }
}

/** Starts a worker for each peer, in parallel; a peer whose process fails to start gets its error instead. */
export async function startWorkers(
  peers: readonly Peer[],
  runtime: ChildRuntime,
): Promise<(PeerWorker | Error)[]> {
  const started = await Promise.allSettled(peers.map((peer) => PeerWorker.start(peer, runtime)));
  return started.map((outcome) =>
    outcome.status === 'fulfilled'
      ? outcome.value
      : new Error(`its process did not start (${String(outcome.reason)})`),
  );
}
