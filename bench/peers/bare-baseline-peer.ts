import { AsyncLocalStorage } from 'node:async_hooks';
import { HandlerTable } from './handler-table.js';
import type { BenchEvent, Peer, PeerInstance, PeerSetup } from './peer.js';
import { createPlainEvent } from './plain-event.js';

/**
 * The limit of the design: an array-backed queue and one loop that awaits each handler in turn,
 * catching its errors. No validation, no freezing, no per-subscription lanes, no retries.
 */
class BareBaseline implements PeerInstance {
  failures = 0;
  readonly #table: HandlerTable;
  readonly #scope: AsyncLocalStorage<BenchEvent> | undefined;
  #queue: (BenchEvent | undefined)[] = [];
  #head = 0;
  #running = false;
  #started = false;
  #closed = false;
  #wake: (() => void) | undefined;
  #idleWaiters: (() => void)[] = [];

  constructor(setup: PeerSetup, scope: AsyncLocalStorage<BenchEvent> | undefined) {
    this.#table = new HandlerTable(setup.subscriptions);
    this.#scope = scope;
  }

  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.#loop().catch((error: unknown) => {
      process.exitCode = 1;
      console.error('baseline loop failed', error);
    });
  }

  publishRange(types: readonly string[], first: number, count: number): void {
    const typeCount = types.length;
    for (let seq = first; seq < first + count; seq += 1) {
      this.#push(createPlainEvent(types[seq % typeCount] as string, { seq, sentAt: 0 }));
    }
  }

  publishOne(type: string, seq: number, sentAt: number): void {
    this.#push(createPlainEvent(type, { seq, sentAt }));
  }

  settle(): Promise<void> {
    if (!this.#running && this.#head === this.#queue.length) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  async close(): Promise<void> {
    await this.settle();
    this.#closed = true;
    this.#wake?.();
  }

  #push(event: BenchEvent): void {
    this.#queue.push(event);
    const wake = this.#wake;
    if (wake !== undefined) {
      this.#wake = undefined;
      wake();
    }
  }

  async #loop(): Promise<void> {
    while (!this.#closed) {
      this.#running = true;
      while (this.#head < this.#queue.length) {
        const event = this.#queue[this.#head] as BenchEvent;
        this.#queue[this.#head] = undefined;
        this.#head += 1;
        const scope = this.#scope;
        for (const handler of this.#table.handlersFor(event.type)) {
          try {
            await (scope === undefined ? handler(event) : scope.run(event, handler, event));
          } catch {
            this.failures += 1;
          }
        }
      }
      this.#queue = [];
      this.#head = 0;
      this.#running = false;
      const waiters = this.#idleWaiters;
      this.#idleWaiters = [];
      for (const resolve of waiters) resolve();
      await new Promise<void>((resolve) => (this.#wake = resolve));
    }
  }
}

export const bareBaselinePeer: Peer = {
  id: 'baseline',
  name: 'bare baseline (array queue + awaiting loop)',
  supportsWildcards: true,
  create: (setup) => Promise.resolve(new BareBaseline(setup, undefined)),
};

/**
 * The baseline with each handler run in an `AsyncLocalStorage` scope, which is how our bus carries
 * causation across `await`s. On Node 20 the first scope switches on promise hooks for the whole
 * process, so this row is the floor of that guarantee, whatever the bus around it does.
 */
export const scopedBaselinePeer: Peer = {
  id: 'baseline-als',
  name: 'bare baseline + AsyncLocalStorage scope per handler',
  supportsWildcards: true,
  create: (setup) => Promise.resolve(new BareBaseline(setup, new AsyncLocalStorage<BenchEvent>())),
};
