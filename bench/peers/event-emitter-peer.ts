import { EventEmitter } from 'node:events';
import type { Peer, PeerInstance, PeerSetup } from './peer.js';
import { PendingTracker } from './pending-tracker.js';
import { createPlainEvent } from './plain-event.js';

/**
 * Node's `EventEmitter`: listeners run synchronously inside `emit()`; each returned promise is
 * tracked and its failure counted, which is what a user must add to await async handlers and to
 * keep one failing listener from stopping the others.
 */
class EventEmitterPeer implements PeerInstance {
  readonly #emitter = new EventEmitter();
  readonly #tracker = new PendingTracker();

  constructor(setup: PeerSetup) {
    this.#emitter.setMaxListeners(0);
    for (const { selector, handler } of setup.subscriptions) {
      this.#emitter.on(selector, (event) => this.#tracker.runHandler(handler, event));
    }
  }

  get failures(): number {
    return this.#tracker.failures;
  }

  start(): void {}

  publishRange(types: readonly string[], first: number, count: number): void {
    const typeCount = types.length;
    for (let seq = first; seq < first + count; seq += 1) {
      const type = types[seq % typeCount] as string;
      this.#emitter.emit(type, createPlainEvent(type, { seq, sentAt: 0 }));
    }
  }

  publishOne(type: string, seq: number, sentAt: number): void {
    this.#emitter.emit(type, createPlainEvent(type, { seq, sentAt }));
  }

  settle(): Promise<void> {
    return this.#tracker.settle();
  }

  async close(): Promise<void> {
    await this.settle();
    this.#emitter.removeAllListeners();
  }
}

export const eventEmitterPeer: Peer = {
  id: 'event-emitter',
  name: 'node:events EventEmitter',
  supportsWildcards: false,
  create: (setup) => Promise.resolve(new EventEmitterPeer(setup)),
};
