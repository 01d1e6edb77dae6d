import {
  createEvent,
  type EventBus,
  type EventHandler,
  InMemoryDeadLetterSink,
  InMemoryEventBus,
  type InMemoryEventBusOptions,
  silentLogger,
  type SubscribeOptions,
} from '../../src/core/index.js';
import type { BenchHandler, Peer, PeerInstance, PeerSetup } from './peer.js';

/** How a variant of our bus differs from the plain one. */
export interface BusVariant {
  readonly id: string;
  readonly name: string;
  /** Options for each new bus (a function, so that no state is shared between runs). */
  busOptions?(): InMemoryEventBusOptions;
  readonly subscribeOptions?: SubscribeOptions;
  /** Builds the bus and subscribes the setup's handlers; defaults to a new bus and `subscribe()` for each. */
  build?(options: InMemoryEventBusOptions, setup: PeerSetup): Promise<EventBus>;
  /** Attaches something to the bus (tracing, the inspector); returns how to detach it. */
  attach?(bus: EventBus): Promise<() => Promise<void>>;
}

/** Our handlers take any event; the bench's take events whose payload is a `BenchPayload`. */
export const asBusHandler = (handler: BenchHandler): EventHandler => handler as EventHandler;

function subscribeAll(
  options: InMemoryEventBusOptions,
  setup: PeerSetup,
  subscribeOptions?: SubscribeOptions,
): EventBus {
  const bus = new InMemoryEventBus(options);
  for (const { selector, handler } of setup.subscriptions)
    bus.subscribe(selector, asBusHandler(handler), subscribeOptions);
  return bus;
}

/**
 * Our bus. Each event is built by `createEvent()` inside the timed loop (validated, frozen, with
 * causation ids), and `publish()` is not awaited, like the peers' emits.
 */
class InMemoryBusPeer implements PeerInstance {
  readonly #counter: { failures: number };
  readonly #bus: EventBus;
  readonly #detach: (() => Promise<void>) | undefined;

  private constructor(
    bus: EventBus,
    counter: { failures: number },
    detach: (() => Promise<void>) | undefined,
  ) {
    this.#bus = bus;
    this.#counter = counter;
    this.#detach = detach;
  }

  static async create(variant: BusVariant, setup: PeerSetup): Promise<InMemoryBusPeer> {
    const counter = { failures: 0 };
    const options: InMemoryEventBusOptions = {
      logger: silentLogger,
      ...variant.busOptions?.(),
      onError: () => {
        counter.failures += 1;
      },
    };
    const bus =
      variant.build === undefined
        ? subscribeAll(options, setup, variant.subscribeOptions)
        : await variant.build(options, setup);
    return new InMemoryBusPeer(bus, counter, await variant.attach?.(bus));
  }

  get failures(): number {
    return this.#counter.failures;
  }

  start(): void {
    this.#bus.start();
  }

  publishRange(types: readonly string[], first: number, count: number): void {
    const bus = this.#bus;
    const typeCount = types.length;
    for (let seq = first; seq < first + count; seq += 1) {
      void bus.publish(createEvent(types[seq % typeCount] as string, { seq, sentAt: 0 }));
    }
  }

  publishOne(type: string, seq: number, sentAt: number): void {
    void this.#bus.publish(createEvent(type, { seq, sentAt }));
  }

  settle(): Promise<void> {
    return this.#bus.drain();
  }

  async close(): Promise<void> {
    await this.#bus.drain();
    await this.#detach?.();
    await this.#bus.stop();
  }
}

/** Turns a variant of our bus into a peer. */
export function createBusPeer(variant: BusVariant): Peer {
  return {
    id: variant.id,
    name: variant.name,
    supportsWildcards: true,
    create: (setup) => InMemoryBusPeer.create(variant, setup),
  };
}

/** `subscribe()` with default options. */
export const busPeer = createBusPeer({ id: 'bus', name: 'InMemoryEventBus (subscribe)' });

/** Retries and a dead-letter sink configured, never triggered: the cost of the guarantees when nothing fails. */
export const busRetryPeer = createBusPeer({
  id: 'bus-retry-dlq',
  name: 'InMemoryEventBus + retry & dead letters',
  busOptions: () => ({ deadLetterSink: new InMemoryDeadLetterSink(), onDeadLetter: () => undefined }),
  subscribeOptions: { retry: { attempts: 3, initialDelayMs: 10 } },
});

/** `trackCausation: false`: handlers run in a synchronous causation scope only, without AsyncLocalStorage. */
export const busSyncCausationPeer = createBusPeer({
  id: 'bus-sync-causation',
  name: 'InMemoryEventBus (trackCausation: false)',
  busOptions: () => ({ trackCausation: false }),
});
