/** Lifecycle of a bus: `idle` (not running yet), `running`, `stopping` (refusing events, finishing work), `stopped`. */
export type BusState = 'idle' | 'running' | 'stopping' | 'stopped';

/** Counters of one subscription. */
export interface SubscriptionStats {
  readonly id: string;
  readonly name: string;
  readonly selector: string;
  /** Deliveries that succeeded. */
  readonly delivered: number;
  /** Attempts that failed (each retry that fails counts again). */
  readonly failed: number;
  /** Retries scheduled. */
  readonly retried: number;
  readonly deadLettered: number;
  /** Handlers running now. */
  readonly inFlight: number;
  /** Deliveries waiting to start, retries waiting for their delay included. */
  readonly queued: number;
}

/** A snapshot of the bus's counters. Counts are since the bus was created. */
export interface BusStats {
  readonly state: BusState;
  /** Events accepted by `publish()`. */
  readonly published: number;
  /** Successful deliveries (one per subscription per event). */
  readonly delivered: number;
  readonly failed: number;
  readonly retried: number;
  readonly deadLettered: number;
  /** Events that matched no subscription. */
  readonly unhandled: number;
  /** Events accepted and not yet finished with (queued, running or waiting for a retry). */
  readonly queued: number;
  /** Handlers running now. */
  readonly inFlight: number;
  /** The queue's limit (`Infinity` when unbounded). */
  readonly maxQueueSize: number;
  readonly subscriptions: readonly SubscriptionStats[];
}
