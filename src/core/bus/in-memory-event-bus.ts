// The in-process bus: accepts events into one queue, and a dispatcher loop hands each to the lanes
// of its matching subscriptions (delivery/subscription-lane.ts does the per-subscription work).
// Over 300 lines because publish, the loop, drain and stop share the accounting of held events;
// option validation, event admission and lanes live in their own files.
import { describeValue } from '../events/event-type.js';
import { currentCausationScope } from '../context/causation-context.js';
import type { DeadLetter, DeadLetterSink } from '../delivery/dead-letter.js';
import { InMemoryDeadLetterSink } from '../delivery/in-memory-dead-letter-sink.js';
import type { LaneHost } from '../delivery/lane-host.js';
import { SubscriptionLane } from '../delivery/subscription-lane.js';
import { BusClosedError } from '../errors/bus-closed-error.js';
import { InvalidOptionsError } from '../errors/invalid-options-error.js';
import { QueueFullError } from '../errors/queue-full-error.js';
import { UnknownDeadLetterError } from '../errors/unknown-dead-letter-error.js';
import type { Event } from '../events/event.js';
import { createEventId } from '../events/event-id.js';
import type { AnyEvents, BusEvent, EventSelector, SelectedEvent } from '../events/event-map.js';
import { consoleLogger } from '../logging/logger.js';
import { RingQueue } from '../queue/ring-queue.js';
import { SubscriptionIndex } from '../selectors/subscription-index.js';
import { admitEvent } from './admit-event.js';
import { buildLaneDefinition } from './build-lane-definition.js';
import type { BusInstrumentation, InstalledInstrumentation } from './bus-instrumentation.js';
import { BusReporter } from './bus-reporter.js';
import type { BusState, BusStats } from './bus-stats.js';
import { ConcurrencyLimiter } from './concurrency-limiter.js';
import { Envelope } from './envelope.js';
import { InstrumentationRegistry } from './instrumentation-registry.js';
import type { EventBus } from './event-bus.js';
import type { InMemoryEventBusOptions, OverflowPolicy } from './in-memory-event-bus-options.js';
import type { DeliveryOutcome, PublishAndWaitOptions, PublishResult } from './publish-result.js';
import type { StopOptions, StopReport, UndeliveredEvent } from './stop-report.js';
import type { EventHandler, SubscribeOptions, Subscription } from './subscription.js';

/** Default time `stop()` gives queued and running work, in milliseconds. */
export const DEFAULT_STOP_TIMEOUT_MS = 10_000;
/** Default time `publishAndWait()` waits for outcomes, in milliseconds. */
export const DEFAULT_PUBLISH_AND_WAIT_TIMEOUT_MS = 30_000;
/** The dispatcher lets timers and I/O run after this many events in a row. */
const YIELD_EVERY_EVENTS = 1024;
const RESOLVED: Promise<void> = Promise.resolve();
/** What `#submit` returns for an event accepted at once without outcome tracking. */
const ACCEPTED = Symbol('accepted');
type Accepted = Envelope | typeof ACCEPTED;

interface RoomWaiter {
  readonly event: Event;
  readonly track: boolean;
  resolve(accepted: Accepted): void;
  reject(error: unknown): void;
}

function positiveOption(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !(value > 0))
    throw new InvalidOptionsError(name, `must be a positive number, got ${describeValue(value)}`);
  return value;
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * The in-process asynchronous {@link EventBus}: one FIFO queue, a dispatcher loop, and per
 * subscription a lane with its own order, concurrency, retries and dead letters.
 *
 * @example
 * ```ts
 * const bus = new InMemoryEventBus<QuantumTraderEvents>();
 * bus.subscribe('policy.updated', (e) => console.log(e.payload.riskMode));
 * bus.start();
 * await bus.publish(new PolicyUpdatedEvent({ ... }));
 * await bus.stop();
 * ```
 */
export class InMemoryEventBus<TEvents extends object = AnyEvents> implements EventBus<TEvents> {
  readonly #reporter: BusReporter;
  readonly #options: InMemoryEventBusOptions;
  readonly #sink: DeadLetterSink;
  readonly #maxQueueSize: number;
  readonly #overflow: OverflowPolicy;
  readonly #host: LaneHost;
  readonly #index = new SubscriptionIndex<SubscriptionLane>();
  readonly #lanesById = new Map<string, SubscriptionLane>();
  /** Unsubscribed lanes that may still owe deliveries; pruned once idle. */
  readonly #retiredLanes = new Set<SubscriptionLane>();
  /** Accepted events in publish order; an envelope only where `publishAndWait()` tracks outcomes. */
  readonly #queue = new RingQueue<Event | Envelope>();
  readonly #roomWaiters = new RingQueue<RoomWaiter>();
  #idleWaiters: (() => void)[] = [];
  readonly #instrumentation = new InstrumentationRegistry();
  #state: BusState = 'idle';
  #halted = false;
  #seq = 0;
  #held = 0;
  #published = 0;
  #finishedEvents = 0;
  #unhandled = 0;
  #nextSubscriptionId = 0;
  #wake: (() => void) | undefined;
  #loop: Promise<void> | undefined;
  #stopping: Promise<StopReport> | undefined;

  constructor(options: InMemoryEventBusOptions = {}) {
    this.#options = options;
    this.#sink = options.deadLetterSink ?? new InMemoryDeadLetterSink();
    this.#maxQueueSize = positiveOption('maxQueueSize', options.maxQueueSize, Infinity);
    this.#overflow = options.overflow ?? 'wait';
    if (this.#overflow !== 'wait' && this.#overflow !== 'error') {
      throw new InvalidOptionsError(
        'overflow',
        `must be 'wait' or 'error', got ${describeValue(this.#overflow)}`,
      );
    }
    this.#reporter = new BusReporter(options.logger ?? consoleLogger, options, this.#instrumentation);
    const limiter = new ConcurrencyLimiter(positiveOption('concurrency', options.concurrency, Infinity));
    this.#host = {
      owner: this,
      trackCausation: options.trackCausation ?? true,
      logger: options.logger ?? consoleLogger,
      limiter,
      deadLetterSink: this.#sink,
      instrumentation: this.#instrumentation,
      isHalted: () => this.#halted,
      settle: (envelope, outcome) => this.#settle(envelope, outcome),
      reportFailure: (failure) => this.#reporter.reportFailure(failure),
      reportDeadLetter: (letter) => this.#reporter.reportDeadLetter(letter),
      newDeadLetterId: createEventId,
    };
  }

  get state(): BusState {
    return this.#state;
  }

  publish(event: BusEvent<TEvents>): Promise<void> {
    try {
      const accepted = this.#submit(event, false);
      return accepted === ACCEPTED ? RESOLVED : (accepted as Promise<Accepted>).then(() => undefined);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  async publishAndWait(
    event: BusEvent<TEvents>,
    options: PublishAndWaitOptions = {},
  ): Promise<PublishResult> {
    const timeoutMs = positiveOption('timeoutMs', options.timeoutMs, DEFAULT_PUBLISH_AND_WAIT_TIMEOUT_MS);
    const envelope = (await this.#submit(event, true)) as Envelope;
    const outcomes = envelope.outcomes as Map<string, DeliveryOutcome>;
    if (!envelope.done) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          envelope.onSettled = undefined;
          for (const lane of this.#index.match(envelope.event.type)) {
            if (!outcomes.has(lane.id))
              outcomes.set(lane.id, {
                status: 'timed-out',
                subscription: lane.name,
                subscriptionId: lane.id,
              });
          }
          resolve();
        }, timeoutMs);
        envelope.onSettled = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return { event: envelope.event, outcomes: [...outcomes.values()] };
  }

  subscribe<const TSelector extends EventSelector<TEvents>>(
    selector: TSelector,
    handler: EventHandler<SelectedEvent<TEvents, TSelector>>,
    options?: SubscribeOptions<SelectedEvent<TEvents, TSelector>>,
  ): Subscription {
    const id = `s${++this.#nextSubscriptionId}`;
    const lane = new SubscriptionLane(this.#host, buildLaneDefinition(id, selector, handler, options));
    this.#index.add(lane);
    this.#lanesById.set(id, lane);
    const unsubscribe = (): void => {
      if (!this.#lanesById.delete(id)) return;
      this.#index.remove(lane);
      const scope = currentCausationScope();
      // From a handler of event N, "from the next event" means after N; elsewhere, nothing waiting.
      lane.close(scope instanceof Envelope && scope.owner === this ? scope.seq : Number.NEGATIVE_INFINITY);
      for (const retired of this.#retiredLanes) if (retired.isIdle()) this.#retiredLanes.delete(retired);
      if (!lane.isIdle()) this.#retiredLanes.add(lane);
    };
    return { id, name: lane.name, selector: lane.selector.text, unsubscribe, [Symbol.dispose]: unsubscribe };
  }

  start(): void {
    this.runForever().catch((error: unknown) =>
      this.#reporter.log('error', { err: error }, 'dispatcher loop failed'),
    );
  }

  runForever(): Promise<void> {
    if (this.#loop !== undefined) return this.#loop;
    if (this.#state !== 'idle') return this.#stopping?.then(() => undefined) ?? RESOLVED;
    this.#state = 'running';
    this.#loop = this.#dispatchLoop();
    return this.#loop;
  }

  drain(): Promise<void> {
    if (this.#held === 0 || this.#halted) return RESOLVED;
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  stop(options: StopOptions = {}): Promise<StopReport> {
    this.#stopping ??= this.#stop(positiveOption('timeoutMs', options.timeoutMs, DEFAULT_STOP_TIMEOUT_MS));
    return this.#stopping;
  }

  stats(): BusStats {
    let inFlight = 0;
    const subscriptions = [...this.#lanesById.values()].map((lane) => lane.stats());
    for (const subscription of subscriptions) inFlight += subscription.inFlight;
    return {
      state: this.#state,
      published: this.#published,
      ...this.#reporter.totals,
      unhandled: this.#unhandled,
      queued: this.#held,
      inFlight,
      maxQueueSize: this.#maxQueueSize,
      subscriptions,
    };
  }

  async listDeadLetters(): Promise<readonly DeadLetter[]> {
    return this.#sink.list();
  }

  async replayDeadLetter(id: string): Promise<void> {
    if (this.#state === 'stopping' || this.#state === 'stopped')
      throw new BusClosedError('(dead letter replay)');
    const letter = (await this.#sink.list()).find((candidate) => candidate.id === id);
    if (letter === undefined) throw new UnknownDeadLetterError(id, 'there is no such letter');
    const lane = this.#lanesById.get(letter.subscriptionId);
    if (lane === undefined)
      throw new UnknownDeadLetterError(
        id,
        `its subscription "${letter.subscription}" is no longer subscribed`,
      );
    if ((await this.#sink.take(id)) === undefined)
      throw new UnknownDeadLetterError(id, 'it was taken meanwhile');
    const envelope = new Envelope(letter.event, this);
    envelope.seq = ++this.#seq;
    envelope.pending = 1;
    this.#held += 1;
    this.#published += 1;
    lane.offer(envelope);
  }

  async discardDeadLetter(id: string): Promise<boolean> {
    return (await this.#sink.take(id)) !== undefined;
  }

  instrument(instrumentation: BusInstrumentation): InstalledInstrumentation {
    return this.#instrumentation.install(instrumentation);
  }

  #submit(value: unknown, track: boolean): Accepted | Promise<Accepted> {
    if (this.#state === 'stopping' || this.#state === 'stopped') {
      throw new BusClosedError(
        typeof (value as Event | null)?.type === 'string' ? (value as Event).type : '(not an event)',
      );
    }
    let event = admitEvent(value);
    const beforePublish = this.#instrumentation.hooks.beforePublish;
    if (beforePublish.length > 0) event = this.#reporter.applyBeforePublish(beforePublish, event);
    if (this.#held < this.#maxQueueSize && this.#roomWaiters.length === 0) return this.#enqueue(event, track);
    const scope = currentCausationScope();
    if (this.#overflow === 'error' || (scope instanceof Envelope && scope.owner === this)) {
      throw new QueueFullError(event.type, this.#maxQueueSize);
    }
    return new Promise((resolve, reject) => this.#roomWaiters.push({ event, track, resolve, reject }));
  }

  #enqueue(event: Event, track: boolean): Accepted {
    let accepted: Accepted = ACCEPTED;
    if (track) {
      accepted = new Envelope(event, this);
      accepted.outcomes = new Map();
    }
    this.#held += 1;
    this.#published += 1;
    this.#queue.push(accepted === ACCEPTED ? event : accepted);
    const hooks = this.#instrumentation.hooks;
    if (hooks.announcesPublished) this.#reporter.announcePublished(hooks, event);
    const wake = this.#wake;
    if (wake !== undefined) {
      this.#wake = undefined;
      wake();
    }
    return accepted;
  }

  async #dispatchLoop(): Promise<void> {
    let sinceYield = 0;
    while (this.#state !== 'stopped') {
      const next = this.#queue.shift();
      if (next === undefined) {
        await new Promise<void>((resolve) => (this.#wake = resolve));
        continue;
      }
      const envelope = next instanceof Envelope ? next : new Envelope(next, this);
      envelope.seq = ++this.#seq;
      this.#dispatch(envelope);
      if (++sinceYield === YIELD_EVERY_EVENTS) {
        sinceYield = 0;
        await yieldToEventLoop();
      }
    }
  }

  #dispatch(envelope: Envelope): void {
    const lanes = this.#index.match(envelope.event.type);
    if (lanes.length === 0) {
      this.#reportUnhandled(envelope.event);
      this.#finish(envelope);
      return;
    }
    // One extra count while dispatching, so that sync handlers finishing inline cannot finish the event early.
    envelope.pending = lanes.length + 1;
    for (const lane of lanes) lane.offer(envelope);
    this.#release(envelope);
  }

  #settle(envelope: Envelope, outcome: DeliveryOutcome): void {
    if (this.#halted) return;
    if (outcome.status === 'succeeded') this.#reporter.totals.delivered += 1;
    envelope.outcomes?.set(outcome.subscriptionId, outcome);
    this.#release(envelope);
  }

  #release(envelope: Envelope): void {
    envelope.pending -= 1;
    if (envelope.pending === 0 && !this.#halted) this.#finish(envelope);
  }

  #finish(envelope: Envelope): void {
    envelope.done = true;
    this.#held -= 1;
    this.#finishedEvents += 1;
    envelope.onSettled?.();
    while (this.#roomWaiters.length > 0 && this.#held < this.#maxQueueSize) {
      const waiter = this.#roomWaiters.shift() as RoomWaiter;
      waiter.resolve(this.#enqueue(waiter.event, waiter.track));
    }
    if (this.#held === 0 && this.#idleWaiters.length > 0) this.#resolveIdleWaiters();
  }

  #resolveIdleWaiters(): void {
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  async #stop(timeoutMs: number): Promise<StopReport> {
    const wasRunning = this.#loop !== undefined;
    this.#state = 'stopping';
    for (let waiter = this.#roomWaiters.shift(); waiter !== undefined; waiter = this.#roomWaiters.shift()) {
      waiter.reject(new BusClosedError(waiter.event.type));
    }
    let timedOut = false;
    if (wasRunning && this.#held > 0) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const expired = new Promise<true>((resolve) => (timer = setTimeout(() => resolve(true), timeoutMs)));
      timedOut = (await Promise.race([this.drain().then(() => false), expired])) === true;
      clearTimeout(timer);
    }
    this.#halted = true;
    this.#state = 'stopped';
    const undelivered = this.#collectUndelivered();
    const reason = new BusClosedError('(stopped while running)');
    for (const lane of [...this.#lanesById.values(), ...this.#retiredLanes]) lane.halt(reason);
    this.#wake?.();
    this.#resolveIdleWaiters();
    if (undelivered.length > 0) {
      this.#reporter.log(
        'warn',
        { undelivered: undelivered.length, timedOut },
        'bus stopped with undelivered events',
      );
    }
    return { published: this.#published, delivered: this.#finishedEvents, undelivered, timedOut };
  }

  #collectUndelivered(): UndeliveredEvent[] {
    const owed = new Map<Event | Envelope, string[]>();
    for (const queued of this.#queue) owed.set(queued, []);
    for (const lane of [...this.#lanesById.values(), ...this.#retiredLanes]) {
      for (const envelope of lane.owedEnvelopes()) {
        const names = owed.get(envelope) ?? [];
        if (!names.includes(lane.name)) names.push(lane.name);
        owed.set(envelope, names);
      }
    }
    return [...owed].map(([item, subscriptions]) => ({
      event: item instanceof Envelope ? item.event : item,
      subscriptions,
    }));
  }

  #reportUnhandled(event: Event): void {
    this.#unhandled += 1;
    this.#reporter.log(
      'debug',
      { eventId: event.id, eventType: event.type },
      `no subscription matched "${event.type}"`,
    );
    const onUnhandledEvent = this.#options.onUnhandledEvent;
    if (onUnhandledEvent !== undefined) this.#reporter.safely(() => onUnhandledEvent(event));
    for (const hooks of this.#instrumentation.hooks.unhandled)
      this.#reporter.safely(() => hooks.unhandled?.(event));
  }
}
