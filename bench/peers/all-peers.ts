import type { Peer } from './peer.js';

/** A peer that could not be loaded, and why. */
export interface UnavailablePeer {
  readonly id: string;
  readonly reason: string;
}

/** The peers, baseline first (ratios are to it), and those that could not be loaded. */
export interface PeerCatalog {
  readonly peers: readonly Peer[];
  readonly unavailable: readonly UnavailablePeer[];
}

interface PeerEntry {
  readonly id: string;
  /** The entry point it is built on, named when it cannot be loaded. */
  readonly entry: string;
  load(): Promise<Peer>;
}

// Loaded on demand: a peer's worker process loads its own module only, and the bench still runs,
// with a note, while an entry point another peer needs (inversify, otel, inspector) is missing or broken.
const ENTRIES: readonly PeerEntry[] = [
  {
    id: 'baseline',
    entry: 'bench',
    load: async () => (await import('./bare-baseline-peer.js')).bareBaselinePeer,
  },
  {
    id: 'baseline-als',
    entry: 'node:async_hooks',
    load: async () => (await import('./bare-baseline-peer.js')).scopedBaselinePeer,
  },
  {
    id: 'event-emitter',
    entry: 'node:events',
    load: async () => (await import('./event-emitter-peer.js')).eventEmitterPeer,
  },
  {
    id: 'eventemitter2',
    entry: 'eventemitter2',
    load: async () => (await import('./event-emitter2-peer.js')).eventEmitter2Peer,
  },
  { id: 'emittery', entry: 'emittery', load: async () => (await import('./emittery-peer.js')).emitteryPeer },
  { id: 'bus', entry: 'src/core', load: async () => (await import('./in-memory-bus-peer.js')).busPeer },
  {
    id: 'bus-sync-causation',
    entry: 'src/core',
    load: async () => (await import('./in-memory-bus-peer.js')).busSyncCausationPeer,
  },
  {
    id: 'bus-on-event',
    entry: 'src/inversify',
    load: async () => (await import('./bus-on-event-peer.js')).busOnEventPeer,
  },
  {
    id: 'bus-retry-dlq',
    entry: 'src/core',
    load: async () => (await import('./in-memory-bus-peer.js')).busRetryPeer,
  },
  {
    id: 'bus-untraced',
    entry: 'src/otel',
    load: async () => (await import('./bus-otel-peers.js')).busUntracedPeer,
  },
  {
    id: 'bus-traced',
    entry: 'src/otel',
    load: async () => (await import('./bus-otel-peers.js')).busTracedPeer,
  },
  {
    id: 'bus-http',
    entry: 'src/inspector',
    load: async () => (await import('./bus-inspector-peer.js')).busHttpPeer,
  },
  {
    id: 'bus-inspector',
    entry: 'src/inspector',
    load: async () => (await import('./bus-inspector-peer.js')).busInspectorPeer,
  },
];

function describeFailure(entry: PeerEntry, error: unknown): string {
  return `${entry.entry} could not be loaded (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
}

/** Loads every peer that can run here. */
export async function loadPeers(): Promise<PeerCatalog> {
  const peers: Peer[] = [];
  const unavailable: UnavailablePeer[] = [];
  for (const entry of ENTRIES) {
    try {
      peers.push(await entry.load());
    } catch (error) {
      unavailable.push({ id: entry.id, reason: describeFailure(entry, error) });
    }
  }
  return { peers, unavailable };
}

/** Loads the peer with this id (and nothing else). @throws Error if there is none or it cannot be loaded. */
export async function findPeer(id: string): Promise<Peer> {
  const entry = ENTRIES.find((candidate) => candidate.id === id);
  if (entry === undefined)
    throw new Error(`no bench peer "${id}" (known: ${ENTRIES.map((e) => e.id).join(', ')})`);
  try {
    return await entry.load();
  } catch (error) {
    throw new Error(describeFailure(entry, error), { cause: error });
  }
}
