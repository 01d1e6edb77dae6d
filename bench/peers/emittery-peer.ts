import Emittery from 'emittery';
import type { BenchEvent, Peer, PeerInstance, PeerSetup } from './peer.js';
import { PendingTracker } from './pending-tracker.js';
import { createPlainEvent } from './plain-event.js';

/**
 * emittery's `emit`: resolves once every listener has; a listener's rejection would reject the emit
 * before the others finish, so listeners are isolated and each emit's promise is tracked.
 */
class EmitteryPeer implements PeerInstance {
  readonly #emitter = new Emittery<Record<string, BenchEvent>>();
  readonly #tracker = new PendingTracker();

  constructor(setup: PeerSetup) {
    for (const { selector, handler } of setup.subscriptions) {
      this.#emitter.on(selector, this.#tracker.isolate(handler));
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
      this.#tracker.track(this.#emitter.emit(type, createPlainEvent(type, { seq, sentAt: 0 })));
    }
  }

  publishOne(type: string, seq: number, sentAt: number): void {
    this.#tracker.track(this.#emitter.emit(type, createPlainEvent(type, { seq, sentAt })));
  }

  settle(): Promise<void> {
    return this.#tracker.settle();
  }

  async close(): Promise<void> {
    await this.settle();
    this.#emitter.clearListeners();
  }
}

export const emitteryPeer: Peer = {
  id: 'emittery',
  name: 'emittery 1 emit',
  supportsWildcards: false,
  create: (setup) => Promise.resolve(new EmitteryPeer(setup)),
};
