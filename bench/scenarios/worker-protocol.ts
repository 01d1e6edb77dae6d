import type { LatencySpec } from './latency.js';
import type { ThroughputSpec } from './throughput.js';

/** Which time a throughput figure is: elapsed, or the process's CPU time (for a busy machine). */
export type Clock = 'wall' | 'cpu';

/** What the parent asks a peer's worker process to do. */
export type WorkerRequest =
  | { readonly id: number; readonly kind: 'conformance' }
  | { readonly id: number; readonly kind: 'throughput'; readonly spec: ThroughputSpec; readonly clock: Clock }
  | { readonly id: number; readonly kind: 'latency'; readonly spec: LatencySpec };

/** One run's figure, in the scenario's unit, with details (latency percentiles) where there are some. */
export interface Figure {
  readonly value: number;
  readonly details?: Readonly<Record<string, number>>;
}

/** The worker's answer to the request with the same id. */
export type WorkerReply =
  | { readonly id: number; readonly ok: true; readonly figure: Figure }
  | { readonly id: number; readonly ok: false; readonly error: string };
