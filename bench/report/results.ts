import type { Summary } from './stats.js';

/** One peer's figures in one scenario. */
export interface PeerResult {
  readonly peer: string;
  readonly name: string;
  /** The figure of each round, in the scenario's unit. */
  readonly values: readonly number[];
  /** Each round's figure divided by the baseline's figure of the same round. */
  readonly ratios: readonly number[];
  readonly value: Summary;
  readonly ratio: Summary;
  /** Latency runs: p50, p99, max (µs) and the offered rate, each summarised across rounds. */
  readonly details?: Readonly<Record<string, Summary>>;
  /** Set when a run failed (lost or duplicated events, a crash): then there is no figure. */
  readonly error?: string;
}

export interface ScenarioResult {
  readonly id: string;
  readonly kind: 'throughput' | 'latency' | 'memory';
  readonly column: string;
  readonly description: string;
  readonly unit: string;
  /** What the scenario ran at: events, types, selectors, rate, ... */
  readonly scale: Readonly<Record<string, number>>;
  readonly peers: readonly PeerResult[];
  /** Peers left out, with why. */
  readonly skipped: readonly string[];
}

export interface MachineInfo {
  readonly cpu: string;
  readonly cores: number;
  readonly node: string;
  readonly v8: string;
  readonly os: string;
  readonly memoryGb: number;
}

/** One target of issue 8, checked against the figures. */
export interface TargetResult {
  readonly target: string;
  readonly limit: string;
  readonly measured: string;
  /** `undefined` when the figures needed were not measured. */
  readonly met: boolean | undefined;
}

/** What `npm run bench` writes to `bench/results/latest.json`. */
export interface BenchResults {
  readonly generatedAt: string;
  /** `git rev-parse --short HEAD`, with `+changes` when src/ or bench/ had uncommitted changes. */
  readonly revision: string;
  readonly scale: 'full' | 'quick';
  /** Throughput figures: elapsed time, or the process's CPU time (chosen on a busy machine). */
  readonly clock: 'wall' | 'cpu';
  /** What the peers ran: `tsc` output (as users run the package) or the sources through tsx. */
  readonly runtime: 'compiled' | 'source';
  readonly rounds: number;
  readonly warmupRounds: number;
  readonly machine: MachineInfo;
  readonly scenarios: readonly ScenarioResult[];
  readonly targets: readonly TargetResult[];
  readonly notes: readonly string[];
  /** The Redis transport's figures (from bench/redis), or why they were skipped. */
  readonly redis: { readonly skipped: string } | { readonly markdown: string; readonly data: unknown };
}
