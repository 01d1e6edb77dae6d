import {
  type AnyEvents,
  type BusEvent,
  type EventType,
  InMemoryEventBus,
  type InMemoryEventBusOptions,
} from '../core/index.js';
import { buildCausalTree, type CausalNode } from './causal-tree.js';
import { WaitForTimeoutError } from './wait-for-timeout-error.js';

/** How long `waitFor()` waits by default, in milliseconds. */
export const DEFAULT_WAIT_FOR_TIMEOUT_MS = 5_000;

/** Options of {@link RecordingEventBus.waitFor}. Every field is optional. */
export interface WaitForOptions<TEvent> {
  /** Only an event for which this returns true counts. @defaultValue every event of the type */
  readonly where?: (event: TEvent) => boolean;
  /** Reject with `WaitForTimeoutError` after this many milliseconds. @defaultValue 5_000 */
  readonly timeoutMs?: number;
}

interface Waiter<TEvents extends object> {
  readonly matches: (event: BusEvent<TEvents>) => boolean;
  readonly resolve: (event: BusEvent<TEvents>) => void;
}

/**
 * An {@link InMemoryEventBus} that also keeps every event it accepts, for integration tests:
 * handlers run for real, and the test can look at what was published, wait for an event, or check
 * the chain of causes.
 *
 * Events are recorded as the bus accepted them: frozen, with the correlation and causation ids the
 * bus filled in, in the order `publish()` accepted them.
 *
 * @example
 * ```ts
 * const bus = new RecordingEventBus<QuantumTraderEvents>();
 * container.rebind(TYPES.EventBus).toConstantValue(bus);
 * await bootstrapEventBus(container);
 * await monitor.report(criticalMetrics);
 * const policy = await bus.waitFor('policy.updated');
 * ```
 */
export class RecordingEventBus<TEvents extends object = AnyEvents> extends InMemoryEventBus<TEvents> {
  readonly #events: BusEvent<TEvents>[] = [];
  #waiters: Waiter<TEvents>[] = [];

  constructor(options?: InMemoryEventBusOptions) {
    super(options);
    this.instrument({ published: (event) => this.#record(event as BusEvent<TEvents>) });
  }

  /** Every event accepted so far, oldest first (a copy). */
  get published(): readonly BusEvent<TEvents>[] {
    return [...this.#events];
  }

  /** The accepted events of one type, oldest first. */
  publishedOfType<TType extends EventType<TEvents>>(type: TType): readonly BusEvent<TEvents, TType>[] {
    return this.#events.filter((event): event is BusEvent<TEvents, TType> => event.type === type);
  }

  /**
   * Resolves with the first event of `type` (that `options.where` accepts): one already published,
   * else the next one to be. It resolves when the event is accepted, before handlers run; await
   * `drain()` to see their effects.
   *
   * @throws {@link WaitForTimeoutError} (as a rejection) if none arrives within `options.timeoutMs`.
   */
  waitFor<TType extends EventType<TEvents>>(
    type: TType,
    options: WaitForOptions<BusEvent<TEvents, TType>> = {},
  ): Promise<BusEvent<TEvents, TType>> {
    const matches = (event: BusEvent<TEvents>): event is BusEvent<TEvents, TType> =>
      event.type === type && (options.where?.(event as BusEvent<TEvents, TType>) ?? true);
    const recorded = this.#events.find(matches);
    if (recorded !== undefined) return Promise.resolve(recorded);
    const timeoutMs = options.timeoutMs ?? DEFAULT_WAIT_FOR_TIMEOUT_MS;
    return new Promise((resolve, reject) => {
      const waiter: Waiter<TEvents> = {
        matches,
        resolve: (event) => {
          clearTimeout(timer);
          resolve(event as BusEvent<TEvents, TType>);
        },
      };
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((other) => other !== waiter);
        reject(
          new WaitForTimeoutError(type, timeoutMs, [...new Set(this.#events.map((event) => event.type))]),
        );
      }, timeoutMs);
      this.#waiters.push(waiter);
    });
  }

  /**
   * The events of the flow `correlationId` (the root event's id, or the id given to
   * `runWithCorrelation()`), each under the event whose handler published it.
   */
  causalTree(correlationId: string): readonly CausalNode<BusEvent<TEvents>>[] {
    return buildCausalTree(this.#events, correlationId);
  }

  /** Forgets the recorded events (waiters keep waiting). */
  clearRecorded(): void {
    this.#events.length = 0;
  }

  #record(event: BusEvent<TEvents>): void {
    this.#events.push(event);
    if (this.#waiters.length === 0) return;
    const due = this.#waiters.filter((waiter) => waiter.matches(event));
    if (due.length === 0) return;
    this.#waiters = this.#waiters.filter((waiter) => !due.includes(waiter));
    for (const waiter of due) waiter.resolve(event);
  }
}
