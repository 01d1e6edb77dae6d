import { bareBaselinePeer } from './bare-baseline-peer.js';
import { emitteryPeer } from './emittery-peer.js';
import { eventEmitter2Peer } from './event-emitter2-peer.js';
import { eventEmitterPeer } from './event-emitter-peer.js';
import { busPeer, busRetryPeer } from './in-memory-bus-peer.js';
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

// The peers built on other entry points (inversify, otel, inspector) are loaded on demand, so that
// the bench still runs, with a note, while one of those is missing or broken.
const OPTIONAL_PEERS: readonly {
  readonly ids: readonly string[];
  readonly entry: string;
  load(): Promise<Peer[]>;
}[] = [
  {
    ids: ['bus-on-event'],
    entry: 'src/inversify',
    load: async () => [(await import('./bus-on-event-peer.js')).busOnEventPeer],
  },
  {
    ids: ['bus-untraced', 'bus-traced'],
    entry: 'src/otel',
    load: async () => {
      const { busUntracedPeer, busTracedPeer } = await import('./bus-otel-peers.js');
      return [busUntracedPeer, busTracedPeer];
    },
  },
  {
    ids: ['bus-inspector'],
    entry: 'src/inspector',
    load: async () => [(await import('./bus-inspector-peer.js')).busInspectorPeer],
  },
];

/** Loads every peer that can run here. */
export async function loadPeers(): Promise<PeerCatalog> {
  const peers: Peer[] = [
    bareBaselinePeer,
    eventEmitterPeer,
    eventEmitter2Peer,
    emitteryPeer,
    busPeer,
    busRetryPeer,
  ];
  const unavailable: UnavailablePeer[] = [];
  for (const optional of OPTIONAL_PEERS) {
    try {
      peers.push(...(await optional.load()));
    } catch (error) {
      const reason = `${optional.entry} could not be loaded (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
      unavailable.push(...optional.ids.map((id) => ({ id, reason })));
    }
  }
  return { peers, unavailable };
}

/** The peer with this id. @throws Error if there is none or it cannot be loaded. */
export async function findPeer(id: string): Promise<Peer> {
  const { peers, unavailable } = await loadPeers();
  const peer = peers.find((candidate) => candidate.id === id);
  if (peer !== undefined) return peer;
  const missing = unavailable.find((candidate) => candidate.id === id);
  throw new Error(missing?.reason ?? `no bench peer "${id}" (known: ${peers.map((p) => p.id).join(', ')})`);
}
