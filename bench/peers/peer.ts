// The one interface every bench peer implements. A peer is "what a user would pick instead": it gets
// the same subscriptions and the same events, and must do the same work (await async handlers,
// isolate their errors, deliver every event to every matching handler exactly once).

/** The payload of every bench event: its sequence number and, in latency runs, when it was published. */
export interface BenchPayload {
  readonly seq: number;
  /** `performance.now()` just before publishing (latency runs); 0 otherwise. */
  readonly sentAt: number;
}

/** The fields every peer's event carries (ours are built by `createEvent`, with more fields). */
export interface BenchEvent {
  readonly id: string;
  readonly type: string;
  readonly timestamp: Date;
  readonly payload: BenchPayload;
}

/** A bench handler: async, like the handlers users write; it may throw (conformance check only). */
export type BenchHandler = (event: BenchEvent) => Promise<void>;

/** One subscription: an exact type or a wildcard pattern (`*` one segment, `**` any number). */
export interface BenchSubscription {
  readonly selector: string;
  readonly handler: BenchHandler;
}

/** What a peer instance is built with. */
export interface PeerSetup {
  readonly subscriptions: readonly BenchSubscription[];
}

/** A peer set up for one run. Nothing is delivered before `start()`. */
export interface PeerInstance {
  /** Starts the dispatcher (a no-op for peers that deliver as they are called). */
  start(): void;
  /**
   * Builds and publishes events `first` to `first + count - 1`, event `i` of type
   * `types[i % types.length]` with payload `{ seq: i, sentAt: 0 }`; does not wait for handlers.
   * Each peer has its own loop so that the call sites stay monomorphic (a shared loop calling
   * every peer would be megamorphic and tax the cheapest peer most).
   */
  publishRange(types: readonly string[], first: number, count: number): void;
  /** Builds and publishes one event with payload `{ seq, sentAt }`. */
  publishOne(type: string, seq: number, sentAt: number): void;
  /** Resolves once every event published so far has been handled by every matching handler. */
  settle(): Promise<void>;
  /** Handler failures seen so far (they must never reach the publisher). */
  readonly failures: number;
  close(): Promise<void>;
}

/** A contender in the bench. */
export interface Peer {
  /** Stable id, used on the command line, in the JSON and by the memory child process. */
  readonly id: string;
  /** Name shown in the tables. */
  readonly name: string;
  /** Whether it can subscribe wildcard patterns (peers that cannot are left out of that scenario). */
  readonly supportsWildcards: boolean;
  create(setup: PeerSetup): Promise<PeerInstance>;
}
