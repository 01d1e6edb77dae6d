import EventEmitter2Module from 'eventemitter2';
import type { Peer, PeerInstance, PeerSetup } from './peer.js';
import { PendingTracker } from './pending-tracker.js';
import { createPlainEvent } from './plain-event.js';

const { EventEmitter2 } = EventEmitter2Module;

/**
 * EventEmitter2's `emitAsync`: calls the listeners and resolves when all their promises have.
 * Listeners are isolated, so the promise of each emit never rejects and is what is tracked.
 * Wildcards are switched on only when a setup has patterns (they cost even exact-type emits).
 */
class EventEmitter2Peer implements PeerInstance {
  readonly #emitter: InstanceType<typeof EventEmitter2>;
  readonly #tracker = new PendingTracker();

  constructor(setup: PeerSetup) {
    const wildcard = setup.subscriptions.some(({ selector }) => selector.includes('*'));
    this.#emitter = new EventEmitter2({ wildcard, delimiter: '.', maxListeners: 0 });
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
      this.#tracker.track(this.#emitter.emitAsync(type, createPlainEvent(type, { seq, sentAt: 0 })));
    }
  }

  publishOne(type: string, seq: number, sentAt: number): void {
    this.#tracker.track(this.#emitter.emitAsync(type, createPlainEvent(type, { seq, sentAt })));
  }

  settle(): Promise<void> {
    return this.#tracker.settle();
  }

  async close(): Promise<void> {
    await this.settle();
    this.#emitter.removeAllListeners();
  }
}

export const eventEmitter2Peer: Peer = {
  id: 'eventemitter2',
  name: 'EventEmitter2 emitAsync',
  supportsWildcards: true,
  create: (setup) => Promise.resolve(new EventEmitter2Peer(setup)),
};
