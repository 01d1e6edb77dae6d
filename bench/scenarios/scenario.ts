import type { LatencySpec } from './latency.js';
import type { MemorySpec } from './retained-memory.js';
import type { ThroughputSpec } from './throughput.js';

interface ScenarioInfo {
  /** Stable id (JSON, `--only`). */
  readonly id: string;
  /** Column header in the table. */
  readonly column: string;
  /** One sentence on what is measured. */
  readonly description: string;
  /** Ids of the peers that run it, baseline first; unavailable or unsuitable ones are left out. */
  readonly peers: readonly string[];
}

/** One scenario of the suite: what it measures and at which scale. */
export type Scenario =
  | (ScenarioInfo & { readonly kind: 'throughput'; readonly spec: ThroughputSpec })
  | (ScenarioInfo & { readonly kind: 'latency'; readonly spec: LatencySpec })
  | (ScenarioInfo & { readonly kind: 'memory'; readonly spec: MemorySpec });

/** The unit of a scenario's figures. */
export function unitOf(scenario: Scenario): string {
  switch (scenario.kind) {
    case 'throughput':
      return 'ns/event';
    case 'latency':
      return 'µs (p99)';
    case 'memory':
      return 'bytes/event';
  }
}
