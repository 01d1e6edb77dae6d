// The EventBus over Redis Streams: publish() appends to the event type's stream; each subscription
// reads through its own consumer group (streams/subscription-reader.ts) and runs its handler in a
// core SubscriptionLane, so retries, timeouts, ordering and instrumentation behave as in memory.
// Over 300 lines because it implements the whole EventBus contract; the Redis work lives in streams/,
// the bookkeeping of subscriptions and publishes in subscription-readers.ts and publish-ledger.ts.
import type { Redis } from 'ioredis';
import {
  BusClosedError,
  InvalidOptionsError,
  InvalidSubscriptionError,
  UnknownDeadLetterError,
  type AnyEvents,
  type BusEvent,
  type BusInstrumentation,
  type InstalledInstrumentation,
  type BusState,
  type BusStats,
  type DeadLetter,
  type DeliveryOutcome,
  type Event,
  type EventBus,
  type EventHandler,
  type EventSelector,
  type Logger,
  type PublishAndWaitOptions,
  type PublishResult,
  type SelectedEvent,
  type StopOptions,
  type StopReport,
  type SubscribeOptions,
  type Subscription,
  DEFAULT_PUBLISH_AND_WAIT_TIMEOUT_MS,
  DEFAULT_STOP_TIMEOUT_MS,
  currentCausationScope,
} from '../../core/index.js';
import { admitEvent } from '../../core/bus/admit-event.js';
import { buildLaneDefinition } from '../../core/bus/build-lane-definition.js';
import { ConcurrencyLimiter } from '../../core/bus/concurrency-limiter.js';
import { BusReporter } from '../../core/bus/bus-reporter.js';
import { InstrumentationRegistry } from '../../core/bus/instrumentation-registry.js';
import { Envelope } from '../../core/bus/envelope.js';
import { EventCodec } from '../codec/event-codec.js';
import { RedisTransportError } from '../errors/redis-transport-error.js';
import { DeadLetterStream } from '../streams/dead-letter-stream.js';
import { OutcomeChannel } from '../streams/outcome-channel.js';
import { StreamAppender } from '../streams/stream-appender.js';
import { StreamKeys } from '../streams/stream-keys.js';
import type { ReaderContext } from '../streams/reader-context.js';
import { SubscriptionReader } from '../streams/subscription-reader.js';
import { TypeRegistry } from '../streams/type-registry.js';
import { toDeadLetter, toMalformedEntry } from './dead-letter-views.js';
import type { MalformedEntry } from './malformed-entry.js';
import { PublishLedger } from './publish-ledger.js';
import { PublishesInFlight } from './publishes-in-flight.js';
import { RedisConnections } from './redis-connections.js';
import type { RedisStreamsEventBusOptions } from './redis-streams-event-bus-options.js';
import { type ResolvedOptions, resolveOptions } from './resolve-options.js';
import { SubscriptionReaders } from './subscription-readers.js';

const DRAIN_POLL_MS = 10;
const FIRST_REGISTER_RETRY_MS = 50;
const MAX_REGISTER_RETRY_MS = 2_000;
/** stop() waits this long at most for Redis to say which publishes other processes finished. */
const RECONCILE_AT_STOP_MS = 1_000;
/** Outcome lists outlive the publisher's wait by this much, then expire. */
const OUTCOME_TTL_MARGIN_MS = 60_000;

function positiveOption(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !(value > 0)) {
    throw new InvalidOptionsError(name, `must be a positive number, got ${String(value)}`);
  }
  return value;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The {@link EventBus} over Redis Streams, for services split across processes: the same typing and
 * the same handler options as the in-memory bus, with delivery that survives crashes.
 *
 * Guarantees: an event is durable once `publish()` resolves. Each subscription of each service
 * (consumer group `<group>:<name>:<selector>`) receives, at least once, every event published
 * through its own bus after `subscribe()`, and every event published elsewhere after it was first
 * registered in Redis by any process of the service (`await ready()` says when); the processes of
 * one service share the work. An entry is acknowledged only after its handler succeeded or it was
 * written to the dead-letter stream, so a crash gives a redelivery (a duplicate), never a loss.
 * Events of one type reach a subscription in publish order unless a redelivery intervenes. See the
 * README's Redis section.
 *
 * @example
 * ```ts
 * const bus = new RedisStreamsEventBus<QuantumTraderEvents>({ connection: 'redis://127.0.0.1:6379', group: 'risk-service' });
 * bus.subscribe('policy.updated', (e) => applyRiskMode(e.payload.riskMode), { name: 'apply-risk-mode' });
 * bus.start();
 * await bus.publish(new PolicyUpdatedEvent({ ... }));
 * await bus.stop();
 * ```
 */
export class RedisStreamsEventBus<TEvents extends object = AnyEvents> implements EventBus<TEvents> {
  readonly #options: ResolvedOptions;
  readonly #hooks: Pick<RedisStreamsEventBusOptions, 'onError' | 'onDeadLetter' | 'onMalformedEntry'>;
  readonly #logger: Logger;
  readonly #reporter: BusReporter;
  readonly #connections: RedisConnections;
  readonly #keys: StreamKeys;
  readonly #codec = new EventCodec();
  readonly #appender: StreamAppender;
  readonly #deadLetters: DeadLetterStream;
  readonly #outcomes: OutcomeChannel;
  readonly #context: ReaderContext;
  readonly #readers = new SubscriptionReaders();
  readonly #instrumentation = new InstrumentationRegistry();
  #state: BusState = 'idle';
  #halted = false;
  #seq = 0;
  #nextSubscription = 0;
  /** Set by the first start(), publish(), ready() or drain(): from then on subscribe() registers at once. */
  #engaged = false;
  readonly #ledger: PublishLedger;
  readonly #inFlight = new PublishesInFlight();
  #published = 0;
  #publishing = 0;
  #running: Promise<void> | undefined;
  #resolveStopped: () => void = () => undefined;
  #stopping: Promise<StopReport> | undefined;

  /** @throws {@link InvalidOptionsError} for a missing connection or group, or a bad number. */
  constructor(options: RedisStreamsEventBusOptions) {
    this.#options = resolveOptions(options);
    this.#hooks = options;
    this.#logger = this.#options.logger;
    this.#reporter = new BusReporter(this.#logger, options, this.#instrumentation);
    this.#connections = new RedisConnections(options.connection, this.#logger);
    this.#keys = new StreamKeys(this.#options.keyPrefix, this.#options.group);
    const commands = (): Redis => this.#connections.commands;
    const registry = new TypeRegistry(commands, this.#keys.registry);
    this.#appender = new StreamAppender(commands, this.#keys, registry, this.#options.maxStreamLength);
    this.#deadLetters = new DeadLetterStream(commands, this.#keys.deadLetters);
    this.#outcomes = new OutcomeChannel(commands, (eventId) => this.#keys.outcomes(eventId));
    this.#ledger = new PublishLedger(commands, this.#logger);
    for (const eventClass of options.eventClasses ?? [])
      this.#codec.registerClass(eventClass.type, eventClass.prototype);
    this.#context = {
      owner: this,
      options: this.#options,
      keys: this.#keys,
      codec: this.#codec,
      registry,
      deadLetters: this.#deadLetters,
      outcomes: this.#outcomes,
      limiter: new ConcurrencyLimiter(this.#options.concurrency),
      instrumentation: this.#instrumentation,
      commands,
      openBlocking: (label) => this.#connections.openBlocking(label),
      releaseBlocking: (connection) => this.#connections.release(connection),
      isHalted: () => this.#halted,
      nextSeq: () => ++this.#seq,
      reportSettled: (outcome) => this.#reportSettled(outcome),
      reportFinished: (subscriptionId, eventId) => this.#ledger.settle(subscriptionId, eventId),
      publishesSettled: (streams) => this.#inFlight.settled(streams),
      reportFailure: (failure) => this.#reporter.reportFailure(failure),
      reportDeadLetter: (letter) => this.#reporter.reportDeadLetter(letter),
      reportMalformed: (entry) => this.#reportMalformed(entry),
    };
  }

  get state(): BusState {
    return this.#state;
  }

  /**
   * Appends the event to its type's stream; resolves once Redis has it (durable from then on).
   *
   * Every subscription of this bus receives it, started or not: before its first append the bus
   * registers the subscriptions not registered yet in Redis (a few round trips, once).
   *
   * @throws {@link InvalidEventError} for an invalid event, or a payload that is not JSON data or Dates.
   * @throws {@link BusClosedError} once `stop()` has been called.
   * @throws {@link RedisTransportError} if Redis could not register the subscriptions or take the event; the event was not accepted.
   */
  async publish(event: BusEvent<TEvents>): Promise<void> {
    await this.#publish(event, undefined);
  }

  /**
   * Publishes `event` and waits for the outcome of every subscription of this bus that matches it,
   * whichever process of the service handles it (consumers report outcomes through Redis).
   * Subscriptions of other services are not waited for.
   */
  async publishAndWait(
    event: BusEvent<TEvents>,
    options: PublishAndWaitOptions = {},
  ): Promise<PublishResult> {
    const timeoutMs = positiveOption('timeoutMs', options.timeoutMs, DEFAULT_PUBLISH_AND_WAIT_TIMEOUT_MS);
    const accepted = await this.#publish(event, timeoutMs + OUTCOME_TTL_MARGIN_MS);
    const expected = this.#readers.active().filter((reader) => reader.matches(accepted.type));
    if (expected.length === 0) return { event: accepted, outcomes: [] };
    const reports = await this.#outcomes.collect(
      accepted.id,
      new Set(expected.map((reader) => reader.id)),
      timeoutMs,
    );
    const outcomes = expected.map(
      (reader): DeliveryOutcome =>
        reports.get(reader.id) ?? {
          status: 'timed-out',
          subscription: reader.name,
          subscriptionId: reader.id,
        },
    );
    return { event: accepted, outcomes };
  }

  /**
   * Subscribes through the consumer group `<group>:<name>:<selector>`. Name and selector are the
   * subscription's durable identity: give each one an explicit, stable `name` (the default is the
   * handler function's name, else `subscription-<n>` in subscription order).
   *
   * Every event published through this bus after `subscribe()` returns reaches the subscription,
   * before or after `start()`; events from other processes reach it once it is registered in Redis
   * (see {@link RedisStreamsEventBus.ready}). No I/O happens here until the bus has been used.
   *
   * @throws {@link InvalidSubscriptionError} for a malformed selector, handler or options, or a name and selector already used on this bus.
   */
  subscribe<const TSelector extends EventSelector<TEvents>>(
    selector: TSelector,
    handler: EventHandler<SelectedEvent<TEvents, TSelector>>,
    options?: SubscribeOptions<SelectedEvent<TEvents, TSelector>>,
  ): Subscription {
    const validated = buildLaneDefinition(`${++this.#nextSubscription}`, selector, handler, options);
    const { name } = validated;
    const id = this.#keys.groupName(name, validated.selector.text);
    if (this.#readers.get(id) !== undefined) {
      throw new InvalidSubscriptionError(
        `a subscription named "${name}" for "${validated.selector.text}" exists already on this bus; over Redis ` +
          'the name and selector select the consumer group, so give each subscription a distinct name',
      );
    }
    if (typeof selector === 'function')
      this.#codec.registerClass(validated.selector.text, selector.prototype as object);
    const reader = new SubscriptionReader(this.#context, { ...validated, id });
    this.#readers.add(reader);
    // Once the bus is in use, register at once, so other processes' events reach it soon; a
    // failure here is retried by the next publish(), ready(), drain() or the reader.
    if (this.#engaged) reader.register()?.catch(() => undefined);
    if (this.#state === 'running') reader.start();
    const unsubscribe = (): void => {
      if (this.#readers.get(id) !== reader) return;
      this.#readers.retire(reader);
      this.#ledger.release(id);
      const scope = currentCausationScope();
      reader.close(scope instanceof Envelope && scope.owner === this ? scope.seq : Number.NEGATIVE_INFINITY);
    };
    return { id: reader.id, name, selector: reader.selector, unsubscribe, [Symbol.dispose]: unsubscribe };
  }

  start(): void {
    this.runForever().catch((error: unknown) =>
      this.#reporter.log('error', { err: error }, 'Redis bus failed'),
    );
  }

  /** Starts every subscription's reader; resolves when the bus has stopped. */
  runForever(): Promise<void> {
    if (this.#running !== undefined) return this.#running;
    if (this.#state !== 'idle') return this.#stopping?.then(() => undefined) ?? Promise.resolve();
    this.#state = 'running';
    this.#engaged = true;
    this.#running = new Promise((resolve) => (this.#resolveStopped = resolve));
    for (const reader of this.#readers.active()) reader.start();
    return this.#running;
  }

  /**
   * Registers every subscription in Redis (its start marker and consumer groups) and resolves once
   * all are: from then on, events published by any process reach every subscription. Needs no
   * `start()`. If Redis is unreachable it keeps trying; it resolves at once after `stop()`.
   */
  async ready(): Promise<void> {
    for (let retryMs = FIRST_REGISTER_RETRY_MS; !this.#halted;) {
      try {
        await this.#register();
        return;
      } catch (error) {
        this.#reporter.log('debug', { err: error }, 'could not register the subscriptions yet; retrying');
        await sleep(retryMs);
        retryMs = Math.min(MAX_REGISTER_RETRY_MS, retryMs * 2);
      }
    }
  }

  /**
   * Resolves when every subscription of this bus has no entry left: all published entries of its
   * streams have been handed to its group (in any process) and acknowledged, and this process holds
   * none, including events published meanwhile (by handlers too). Waits for {@link ready} first,
   * then polls Redis; entries are only read once the bus is started. Resolves at once after `stop()`.
   */
  async drain(): Promise<void> {
    for (;;) {
      await this.ready();
      if (this.#halted) return;
      if (this.#publishing === 0) {
        // The readers are checked one after another: an event published during the pass (by a
        // handler of a reader already checked) must send us round again.
        const publishedBefore = this.#published;
        const idle =
          (await this.#caughtUp()) && this.#publishing === 0 && this.#published === publishedBefore;
        if (idle) {
          this.#ledger.settleAll();
          return;
        }
      }
      await sleep(DRAIN_POLL_MS);
    }
  }

  /**
   * Stops reading at once, lets the handlers running finish (their entries are acknowledged) up to
   * a timeout, then closes the connections the bus opened. Entries not finished stay pending in
   * Redis, and entries not read yet stay in their streams: both are delivered when the subscription
   * runs again, in this service or after a restart.
   *
   * The report speaks for this bus (details in the README's Redis section): `published` counts the
   * events it appended; `delivered` those of them that no subscription of this bus owes any more
   * (each matching one finished with it, in any process of the service, or none matches its type);
   * `undelivered` lists the others, with the subscriptions owing them, then the events of other
   * processes that this one had read and not finished. So `published === delivered +
   * undelivered.length` when no other process publishes to or consumes for these subscriptions.
   * A non-empty `undelivered` is also logged as a warning.
   */
  stop(options: StopOptions = {}): Promise<StopReport> {
    this.#stopping ??= this.#stop(positiveOption('timeoutMs', options.timeoutMs, DEFAULT_STOP_TIMEOUT_MS));
    return this.#stopping;
  }

  stats(): BusStats {
    const subscriptions = this.#readers.active().map((reader) => reader.stats());
    let inFlight = 0;
    let queued = 0;
    for (const reader of this.#readers.all()) {
      inFlight += reader.lane.stats().inFlight;
      queued += reader.outstanding;
    }
    return {
      state: this.#state,
      published: this.#published,
      ...this.#reporter.totals,
      unhandled: 0,
      queued,
      inFlight,
      maxQueueSize: Infinity,
      subscriptions,
    };
  }

  /** The letters of this service's dead-letter stream that hold an event (malformed entries: {@link listMalformedEntries}). */
  async listDeadLetters(): Promise<readonly DeadLetter[]> {
    const letters: DeadLetter[] = [];
    for (const stored of await this.#deadLetters.list()) {
      const letter = toDeadLetter(stored.record, this.#codec, this.#keys);
      if (letter !== undefined) letters.push(letter);
    }
    return letters;
  }

  /** The entries of this service's dead-letter stream that could not be decoded, oldest first. */
  async listMalformedEntries(): Promise<readonly MalformedEntry[]> {
    return (await this.#deadLetters.list())
      .filter(({ record }) => record.kind === 'malformed')
      .map(({ record }) => toMalformedEntry(record));
  }

  /**
   * Delivers a dead letter's event again to its subscription on this bus, then removes the letter;
   * resolves once that delivery has finished. If it fails again it comes back as a new letter.
   *
   * @throws {@link UnknownDeadLetterError} if there is no such letter, it is a malformed entry, or its subscription is not on this bus.
   */
  async replayDeadLetter(id: string): Promise<void> {
    if (this.#state === 'stopping' || this.#state === 'stopped')
      throw new BusClosedError('(dead letter replay)');
    const stored = await this.#deadLetters.find(id);
    if (stored === undefined) throw new UnknownDeadLetterError(id, 'there is no such letter');
    const letter = toDeadLetter(stored.record, this.#codec, this.#keys);
    if (letter === undefined) {
      throw new UnknownDeadLetterError(id, 'it is a malformed entry with no event to deliver; discard it');
    }
    const reader = this.#readers.get(stored.record.group);
    if (reader === undefined) {
      throw new UnknownDeadLetterError(
        id,
        `its subscription "${stored.record.subscription}" is not subscribed on this bus`,
      );
    }
    const { stream, entryId, fields } = stored.record;
    const outcome = await reader.replay(letter.event, { stream, entryId, fields });
    if (outcome.status !== 'failed') await this.#deadLetters.remove(stored.entryId);
  }

  /** Removes a dead letter (or malformed entry) without replaying it; `false` if there was none. */
  async discardDeadLetter(id: string): Promise<boolean> {
    const stored = await this.#deadLetters.find(id);
    return stored !== undefined && (await this.#deadLetters.remove(stored.entryId));
  }

  /**
   * Installs hooks. `beforePublish` runs before encoding, so headers it adds (a W3C `traceparent`)
   * travel with the entry and the consuming process's `aroundDelivery` sees them. `unhandled` is
   * never called: across processes no one knows that nothing subscribed.
   */
  instrument(instrumentation: BusInstrumentation): InstalledInstrumentation {
    return this.#instrumentation.install(instrumentation);
  }

  async #publish(value: unknown, replyTtlMs: number | undefined): Promise<Event> {
    if (this.#state === 'stopping' || this.#state === 'stopped') {
      throw new BusClosedError(
        typeof (value as Event | null)?.type === 'string' ? (value as Event).type : '(not an event)',
      );
    }
    const event = this.#reporter.applyBeforePublish(
      this.#instrumentation.hooks.beforePublish,
      admitEvent(value),
    );
    const fields = this.#codec.encode(event, replyTtlMs);
    const stream = this.#keys.stream(event.type);
    this.#publishing += 1;
    const returned = this.#inFlight.begin(stream);
    const owed = this.#ledger.open(event, stream, this.#readers.owing(event.type));
    try {
      // Registered before the append, so the entry lands after every subscription's start position.
      const registering = this.#register();
      if (registering !== undefined) await this.#registered(registering, event.type);
      let entryId: string;
      try {
        entryId = await this.#appender.append(event.type, fields);
      } catch (error) {
        throw new RedisTransportError(`publish "${event.type}"`, error);
      }
      this.#ledger.appended(owed, entryId);
      this.#published += 1;
      const hooks = this.#instrumentation.hooks;
      if (hooks.announcesPublished) this.#reporter.announcePublished(hooks, event);
    } catch (error) {
      this.#ledger.cancel(owed);
      throw error;
    } finally {
      this.#publishing -= 1;
      returned();
    }
    return event;
  }

  #register(): Promise<void> | undefined {
    this.#engaged = true;
    return this.#readers.register();
  }

  async #registered(registering: Promise<void>, type: string): Promise<void> {
    try {
      await registering;
    } catch (error) {
      throw new RedisTransportError(`register the subscriptions before publishing "${type}"`, error);
    }
  }

  async #caughtUp(): Promise<boolean> {
    try {
      return await this.#readers.caughtUp();
    } catch (error) {
      this.#reporter.log('debug', { err: error }, 'drain could not check progress; retrying');
      return false;
    }
  }

  async #stop(timeoutMs: number): Promise<StopReport> {
    this.#state = 'stopping';
    const readers = this.#readers.all();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<true>((resolve) => (timer = setTimeout(() => resolve(true), timeoutMs)));
    const finished = (async (): Promise<false> => {
      await Promise.all(readers.map((reader) => reader.stopReading()));
      while (this.#publishing > 0) await sleep(DRAIN_POLL_MS);
      await Promise.all(readers.map((reader) => reader.idle()));
      return false;
    })();
    const timedOut = (await Promise.race([finished, expired])) === true;
    clearTimeout(timer);
    this.#halted = true;
    this.#state = 'stopped';
    const held = this.#readers.held();
    const reason = new BusClosedError('(stopped while running)');
    for (const reader of readers) reader.halt(reason);
    const confirmed = await this.#ledger.reconcileWithin(RECONCILE_AT_STOP_MS);
    await this.#connections.close();
    this.#resolveStopped();
    const undelivered = this.#ledger.undelivered(held);
    if (undelivered.length > 0) {
      this.#reporter.log(
        'warn',
        {
          undelivered: undelivered.length,
          publishedHere: this.#ledger.size,
          timedOut,
          ...(confirmed ? {} : { unconfirmed: true }),
        },
        'bus stopped with events its subscriptions have not finished with; they stay in Redis and are ' +
          'delivered when the subscriptions run again',
      );
    }
    return { published: this.#published, delivered: this.#ledger.finished, undelivered, timedOut };
  }

  #reportSettled(outcome: DeliveryOutcome): void {
    if (outcome.status === 'succeeded') this.#reporter.totals.delivered += 1;
  }

  #reportMalformed(entry: MalformedEntry): void {
    this.#reporter.totals.deadLettered += 1;
    const onMalformedEntry = this.#hooks.onMalformedEntry;
    if (onMalformedEntry !== undefined) this.#reporter.safely(() => onMalformedEntry(entry));
  }
}
