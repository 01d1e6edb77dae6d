import type { DeadLetter } from '../delivery/dead-letter.js';
import type { AnyEvents, BusEvent, EventSelector, SelectedEvent } from '../events/event-map.js';
import type { BusInstrumentation, InstalledInstrumentation } from './bus-instrumentation.js';
import type { BusState, BusStats } from './bus-stats.js';
import type { PublishAndWaitOptions, PublishResult } from './publish-result.js';
import type { StopOptions, StopReport } from './stop-report.js';
import type { EventHandler, SubscribeOptions, Subscription } from './subscription.js';

/**
 * An asynchronous event bus typed by an event map. Publishers and subscribers never know each other.
 * The delivery and scheduling guarantees are listed in the README's "Guarantees" section.
 *
 * @typeParam TEvents - an interface keyed by event type whose values are the payload types.
 */
export interface EventBus<TEvents extends object = AnyEvents> {
  /** The bus's lifecycle state. */
  readonly state: BusState;

  /**
   * Validates `event` and queues it for every matching subscription; resolves once it is accepted,
   * before any handler runs. Handler failures never reach the caller.
   *
   * @throws {@link InvalidEventError} if `event` is not a valid event.
   * @throws {@link BusClosedError} once `stop()` has been called.
   * @throws {@link QueueFullError} when the queue is full and the overflow policy is `error`.
   */
  publish(event: BusEvent<TEvents>): Promise<void>;

  /**
   * Publishes `event` and resolves when every matching subscription has finished with it (retries
   * included), with one outcome each. Rejects only for the errors of {@link EventBus.publish}.
   */
  publishAndWait(event: BusEvent<TEvents>, options?: PublishAndWaitOptions): Promise<PublishResult>;

  /**
   * Calls `handler` for every event that `selector` matches, in publish order (per ordering key when
   * `concurrency` > 1).
   *
   * @throws {@link InvalidSubscriptionError} for a malformed selector, a non-function handler or bad options.
   */
  subscribe<const TSelector extends EventSelector<TEvents>>(
    selector: TSelector,
    handler: EventHandler<SelectedEvent<TEvents, TSelector>>,
    options?: SubscribeOptions<SelectedEvent<TEvents, TSelector>>,
  ): Subscription;

  /** Starts the dispatcher loop in the background (no-op if it runs already). */
  start(): void;

  /** Runs the dispatcher loop; resolves when the bus has stopped. Events published earlier are delivered. */
  runForever(): Promise<void>;

  /** Resolves when the queue is empty and no handler is running or waiting to retry, including events published meanwhile. */
  drain(): Promise<void>;

  /** Refuses new events at once, lets queued and running work finish up to a timeout, and reports what was not delivered. */
  stop(options?: StopOptions): Promise<StopReport>;

  /** A snapshot of the counters. */
  stats(): BusStats;

  /** The dead letters kept by the bus's sink, oldest first. */
  listDeadLetters(): Promise<readonly DeadLetter[]>;

  /**
   * Takes a dead letter out of the sink and delivers its event again to the subscription it failed in.
   * If it fails again it comes back as a new letter.
   *
   * @throws {@link UnknownDeadLetterError} if no such letter exists or its subscription is gone.
   */
  replayDeadLetter(id: string): Promise<void>;

  /** Removes a dead letter without replaying it; resolves `false` if there was no such letter. */
  discardDeadLetter(id: string): Promise<boolean>;

  /**
   * Installs hooks for tracing, metrics or inspection; dispose the handle to remove them. The handle's
   * `resample()` starts a sampling instrumentation's samples over (see `BusInstrumentation.sampleEvery`).
   */
  instrument(instrumentation: BusInstrumentation): InstalledInstrumentation;
}
