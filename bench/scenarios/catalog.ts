import type { Scenario } from './scenario.js';

/** `full` is the scale of the published figures; `quick` finishes in under a minute. */
export type Scale = 'full' | 'quick';

const CORE_PEERS = ['baseline', 'baseline-als', 'event-emitter', 'eventemitter2', 'emittery', 'bus'] as const;
/** Our bus without AsyncLocalStorage: where it stands once the causation scope's cost is set aside. */
const SYNC_CAUSATION = 'bus-sync-causation';
const BURST = 1_000;
const THOUSAND = Array.from({ length: 1_000 }, (_, index) => index);

/** 1,000 patterns that never match `market.tick` but must be checked against it: `*`, `**`, shared prefixes. */
const NON_MATCHING_PATTERNS = THOUSAND.map((index) => {
  switch (index % 4) {
    case 0:
      return `market.*.p${index}`;
    case 1:
      return `*.p${index}`;
    case 2:
      return `p${index}.**`;
    default:
      return `**.p${index}`;
  }
});

/** The suite, in the order it runs. */
export function buildScenarios(scale: Scale): Scenario[] {
  const quick = scale === 'quick';
  return [
    {
      kind: 'throughput',
      id: 'one-type-one-handler',
      column: '1 type × 1 handler',
      description: 'One type, one async handler; time per event, building the event included.',
      peers: [
        ...CORE_PEERS,
        SYNC_CAUSATION,
        'bus-on-event',
        'bus-retry-dlq',
        'bus-untraced',
        'bus-traced',
        'bus-http',
        'bus-inspector',
      ],
      spec: {
        events: quick ? 20_000 : 1_000_000,
        types: ['market.tick'],
        selectors: ['market.tick'],
        burst: BURST,
      },
    },
    {
      kind: 'throughput',
      id: 'one-type-ten-handlers',
      column: '1 type × 10 handlers',
      description: 'One type, ten async handlers; time per event (ten deliveries).',
      peers: [...CORE_PEERS, SYNC_CAUSATION, 'bus-on-event'],
      spec: {
        events: quick ? 4_000 : 100_000,
        types: ['market.tick'],
        selectors: Array.from({ length: 10 }, () => 'market.tick'),
        burst: BURST,
      },
    },
    {
      kind: 'throughput',
      id: 'thousand-types',
      column: '1,000 types × 1 handler',
      description: '1,000 types with one handler each, published round-robin; time per event.',
      peers: [...CORE_PEERS, SYNC_CAUSATION],
      spec: {
        events: quick ? 20_000 : 1_000_000,
        types: THOUSAND.map((index) => `market.t${index}`),
        selectors: THOUSAND.map((index) => `market.t${index}`),
        burst: BURST,
      },
    },
    {
      kind: 'throughput',
      id: 'thousand-patterns',
      column: 'exact type, 1,000 patterns',
      description: 'One exact-type handler beside 1,000 wildcard patterns that never match; time per event.',
      peers: CORE_PEERS,
      // Fewer events: EventEmitter2's wildcard tree costs about 100 µs per event here.
      spec: {
        events: quick ? 5_000 : 200_000,
        types: ['market.tick'],
        selectors: ['market.tick', ...NON_MATCHING_PATTERNS],
        burst: BURST,
      },
    },
    {
      kind: 'latency',
      id: 'latency-20k',
      column: 'p99 latency @ 20k/s',
      description:
        'Publish to handler start at a fixed offered rate of 20,000 events/s; p99 (p50 and max in the detail).',
      peers: [...CORE_PEERS, SYNC_CAUSATION, 'bus-on-event'],
      spec: { ratePerSecond: 20_000, durationMs: quick ? 200 : 3_000 },
    },
    {
      kind: 'memory',
      id: 'retained-memory',
      column: 'bytes per queued event',
      description:
        'Heap retained per event published before the loop runs (100k events, forced gc, child process).',
      peers: [...CORE_PEERS, 'bus-retry-dlq'],
      spec: { events: 100_000, repeats: quick ? 2 : 5 },
    },
  ];
}
