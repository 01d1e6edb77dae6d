// One subscription's consumer: reads its consumer group's entries (own pending first, then new ones,
// plus entries claimed from silent consumers), hands them to a core SubscriptionLane (which runs the
// handler with retries, timeouts, ordering and instrumentation) and acknowledges each once the lane
// has finished with it. Over 300 lines because reading, settling and the bookkeeping of which
// entries this process holds share one piece of state; the Redis commands live in pending-entries.ts,
// entry-dead-letters.ts and consumer-group.ts.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { DeadLetter, DeliveryOutcome, Event, SubscriptionStats } from '../../core/index.js';
import { Envelope } from '../../core/bus/envelope.js';
import { runInCausationScope } from '../../core/context/causation-context.js';
import type { LaneHost } from '../../core/delivery/lane-host.js';
import { type LaneDefinition, SubscriptionLane } from '../../core/delivery/subscription-lane.js';
import { selectorMatches } from '../../core/selectors/compile-selector.js';
import { AckQueue } from './ack-queue.js';
import { ensureConsumerGroup, subscriptionStartId } from './consumer-group.js';
import { EntryDeadLetters, type EntrySource } from './entry-dead-letters.js';
import { hasGroupCaughtUp } from './group-progress.js';
import {
  claimIdleEntries,
  type PendingScope,
  readOwnPending,
  refreshHeldEntries,
} from './pending-entries.js';
import type { ReaderContext } from './reader-context.js';
import { compareStreamIds, isNoGroupError, parseReadReply, type RawEntry } from './redis-replies.js';

const FIRST_BACKOFF_MS = 50;
const MAX_BACKOFF_MS = 2_000;

/** An event this reader holds: a stream entry, or a dead letter being replayed. */
interface Held extends EntrySource {
  readonly replyTtlMs: number | undefined;
  readonly replayed?: (outcome: DeliveryOutcome) => void;
}

const heldKey = (stream: string, id: string): string => `${stream}\u0000${id}`;

export class SubscriptionReader {
  readonly lane: SubscriptionLane;
  /** The consumer group, also the subscription's id. */
  readonly id: string;
  readonly name: string;
  readonly #ctx: ReaderContext;
  readonly #definition: LaneDefinition;
  readonly #acks: AckQueue;
  readonly #letters: EntryDeadLetters;
  readonly #held = new Map<Event, Held>();
  /** Stream entries held (being handled or dead-lettered), by `heldKey`. */
  readonly #holding = new Set<string>();
  readonly #sideWork = new Set<Promise<void>>();
  readonly #streams: string[] = [];
  readonly #lastSeen = new Map<string, string>();
  #startId: string | undefined;
  #registering: Promise<void> | undefined;
  #running = false;
  #closed = false;
  #recover = true;
  #nextClaimAt = 0;
  #nextRefreshAt = 0;
  #blocking: Redis | undefined;
  #loop: Promise<void> | undefined;
  #heartbeat: ReturnType<typeof setInterval> | undefined;
  #wake: (() => void) | undefined;
  #idleWaiters: (() => void)[] = [];

  constructor(ctx: ReaderContext, definition: LaneDefinition) {
    this.#ctx = ctx;
    this.#definition = definition;
    this.id = definition.id;
    this.name = definition.name;
    this.#acks = new AckQueue(ctx.commands, this.id, ctx.options.logger, () => this.#wakeUp());
    this.#letters = new EntryDeadLetters(ctx, this.id, this.name, (stream, id) => this.#acks.ack(stream, id));
    const host: LaneHost = {
      owner: ctx.owner,
      trackCausation: true,
      logger: ctx.options.logger,
      limiter: ctx.limiter,
      instrumentation: ctx.instrumentation,
      deadLetterSink: {
        add: (letter) => this.#storeFailedLetter(letter),
        list: () => [],
        take: () => undefined,
      },
      isHalted: ctx.isHalted,
      settle: (envelope, outcome) => this.#settled(envelope, outcome),
      reportFailure: ctx.reportFailure,
      reportDeadLetter: ctx.reportDeadLetter,
      newDeadLetterId: randomUUID,
    };
    this.lane = new SubscriptionLane(host, definition);
  }

  /** The selector as text. */
  get selector(): string {
    return this.#definition.selector.text;
  }

  matches(type: string): boolean {
    return selectorMatches(this.#definition.selector, type);
  }

  /** Starts reading in the background (no-op if it runs already or was closed). */
  start(): void {
    if (this.#loop !== undefined || this.#closed) return;
    this.#running = true;
    // An empty scope: the loop must not inherit the causation of whoever called start().
    this.#loop = runInCausationScope({ owner: this.#ctx.owner }, () => this.#run());
    const every = Math.max(10, Math.floor(this.#ctx.options.claimIdleMs / 3));
    this.#heartbeat = setInterval(() => this.#refreshHeld(), every);
    this.#heartbeat.unref();
  }

  /**
   * Registers the subscription in Redis (its start marker, and its groups on the streams known so
   * far): from the moment this resolves, every entry appended to a stream it matches reaches it,
   * whether the reader runs yet or not. `undefined` once registered (or closed); a failed attempt
   * rejects, and the next call tries again.
   */
  register(): Promise<void> | undefined {
    if (this.#startId !== undefined || this.#closed) return undefined;
    this.#registering ??= this.#setUp().catch((error: unknown) => {
      this.#registering = undefined;
      throw error;
    });
    return this.#registering;
  }

  /** Stops reading new entries; held ones are still handled and acknowledged. */
  async stopReading(): Promise<void> {
    this.#running = false;
    this.#wakeUp();
    if (this.#blocking !== undefined) this.#ctx.releaseBlocking(this.#blocking);
    await this.#loop;
  }

  /** Unsubscribes: nothing more is read; entries not started stay pending for the rest of the group. */
  close(cutoff: number): void {
    this.#closed = true;
    this.lane.close(cutoff);
    void this.stopReading();
  }

  /** Aborts what still runs; nothing is acknowledged after this. */
  halt(reason: Error): void {
    if (this.#heartbeat !== undefined) clearInterval(this.#heartbeat);
    this.lane.halt(reason);
    this.#acks.abandon();
  }

  /** Entries held: being handled, dead-lettered or acknowledged. */
  get outstanding(): number {
    return this.#held.size + this.#sideWork.size + this.#acks.size;
  }

  /** Resolves once nothing is held and every acknowledgement has landed (or been abandoned). */
  async idle(): Promise<void> {
    while (this.outstanding > 0) {
      if (this.#held.size + this.#sideWork.size > 0) {
        await new Promise<void>((resolve) => this.#idleWaiters.push(resolve));
      } else {
        await this.#acks.idle();
      }
    }
  }

  /** Events held and not finished (for the stop report). */
  heldEvents(): Event[] {
    return [...this.#held.keys()];
  }

  stats(): SubscriptionStats {
    return this.lane.stats();
  }

  /** True when this process holds nothing and the group has every entry of every stream acknowledged. */
  async caughtUp(): Promise<boolean> {
    if (this.#startId === undefined || this.outstanding > 0) return false;
    if (this.#definition.selector.exactType === undefined) await this.#refreshStreams();
    for (const stream of this.#streams) {
      if (!(await hasGroupCaughtUp(this.#ctx.commands(), stream, this.id))) return false;
    }
    return this.outstanding === 0;
  }

  /** Delivers a dead letter's event again; resolves with the outcome. */
  replay(event: Event, source: EntrySource): Promise<DeliveryOutcome> {
    return new Promise((resolve) => {
      this.#held.set(event, { ...source, replyTtlMs: undefined, replayed: resolve });
      this.lane.offer(this.#envelope(event));
    });
  }

  async #run(): Promise<void> {
    let backoffMs = FIRST_BACKOFF_MS;
    let troubled = false;
    while (this.#running) {
      try {
        await this.#step();
        if (troubled) this.#ctx.options.logger.info({ subscription: this.name }, 'reader resumed');
        troubled = false;
        backoffMs = FIRST_BACKOFF_MS;
      } catch (error) {
        if (!this.#running) break;
        if (isNoGroupError(error)) {
          await this.#recreateGroups().catch(() => undefined);
          continue;
        }
        if (!troubled) {
          this.#ctx.options.logger.warn({ err: error, subscription: this.name }, 'reader failed; retrying');
        }
        troubled = true;
        await this.#pause(backoffMs);
        backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
      }
    }
  }

  async #step(): Promise<void> {
    const { options } = this.#ctx;
    if (this.#startId === undefined) await this.register();
    if (this.#definition.selector.exactType === undefined && performance.now() >= this.#nextRefreshAt) {
      await this.#refreshStreams();
    }
    const accept = (entry: RawEntry, deliveries: number): void => this.#accept(entry, deliveries);
    if (this.#recover) {
      this.#recover = false;
      for (const stream of this.#streams) await readOwnPending(this.#scope(stream), accept);
    }
    if (performance.now() >= this.#nextClaimAt) {
      this.#nextClaimAt = performance.now() + Math.max(10, options.claimIdleMs / 2);
      for (const stream of this.#streams) {
        await claimIdleEntries(this.#scope(stream), options.claimIdleMs, () => this.#room(), accept);
      }
    }
    const room = this.#room();
    if (room <= 0 || this.#streams.length === 0) {
      await this.#pause(Math.min(options.blockMs, options.typeRefreshMs));
      return;
    }
    await this.#readNew(room);
  }

  #scope(stream: string): PendingScope {
    const { consumer, prefetch } = this.#ctx.options;
    return { commands: this.#ctx.commands(), stream, group: this.id, consumer, held: prefetch };
  }

  /** Entries that may still be read: `prefetch` bounds what is read and not yet acknowledged. */
  #room(): number {
    return this.#ctx.options.prefetch - this.#holding.size - this.#acks.size;
  }

  async #setUp(): Promise<void> {
    const { commands, keys, registry } = this.#ctx;
    const startId = await subscriptionStartId(commands(), keys.subscriptionMarker(this.id));
    const exact = this.#definition.selector.exactType;
    const types =
      exact !== undefined ? [exact] : (await registry.list()).filter((type) => this.matches(type));
    for (const type of types) await this.#addStream(keys.stream(type), startId);
    this.#startId = startId;
    this.#nextRefreshAt = performance.now() + this.#ctx.options.typeRefreshMs;
  }

  async #addStream(stream: string, startId: string): Promise<void> {
    await ensureConsumerGroup(this.#ctx.commands(), stream, this.id, startId);
    if (!this.#streams.includes(stream)) this.#streams.push(stream);
  }

  async #refreshStreams(): Promise<void> {
    this.#nextRefreshAt = performance.now() + this.#ctx.options.typeRefreshMs;
    if (this.#startId === undefined) return;
    for (const type of await this.#ctx.registry.list()) {
      const stream = this.#ctx.keys.stream(type);
      if (this.matches(type) && !this.#streams.includes(stream)) await this.#addStream(stream, this.#startId);
    }
  }

  /** After NOGROUP (the stream or group was deleted): recreate the groups after the last entry seen. */
  async #recreateGroups(): Promise<void> {
    this.#ctx.options.logger.warn(
      { subscription: this.name, group: this.id },
      'consumer group missing; recreating it',
    );
    for (const stream of this.#streams) {
      await ensureConsumerGroup(this.#ctx.commands(), stream, this.id, this.#lastSeen.get(stream) ?? '0');
    }
  }

  async #readNew(room: number): Promise<void> {
    const { consumer, blockMs } = this.#ctx.options;
    const blocking = this.#blocking ?? this.#openBlocking();
    const streams = [...this.#streams];
    // COUNT applies to each stream: share the room, so a wildcard reader also stays within prefetch.
    const count = Math.max(1, Math.floor(room / streams.length));
    const reply = await blocking.call(
      ...['XREADGROUP', 'GROUP', this.id, consumer, 'COUNT', count, 'BLOCK', blockMs, 'STREAMS'],
      ...streams,
      ...streams.map(() => '>'),
    );
    const entries = parseReadReply(reply);
    // What we read may come from publishes of this bus still waiting for their reply: let them
    // return first, so their `published` hooks run before the deliveries, as in memory.
    const publishing = entries.length > 0 ? this.#ctx.publishesSettled(streams) : undefined;
    if (publishing !== undefined) await publishing;
    if (streams.length > 1) entries.sort((left, right) => compareStreamIds(left.id, right.id));
    for (const entry of entries) this.#accept(entry, 1);
  }

  #openBlocking(): Redis {
    const connection = this.#ctx.openBlocking(`eventbus:${this.id}`);
    let connectedBefore = false;
    // After a reconnect, a read whose reply was lost may have left entries pending for us: re-read them.
    connection.on('ready', () => {
      if (connectedBefore) this.#recover = true;
      connectedBefore = true;
    });
    this.#blocking = connection;
    return connection;
  }

  #accept(entry: RawEntry, deliveries: number): void {
    const { stream, id, fields } = entry;
    const key = heldKey(stream, id);
    if (this.#holding.has(key)) return;
    const lastSeen = this.#lastSeen.get(stream);
    if (lastSeen === undefined || compareStreamIds(id, lastSeen) > 0) this.#lastSeen.set(stream, id);
    if (fields === null) {
      this.#ctx.options.logger.warn(
        { stream, entryId: id, group: this.id },
        'pending entry was trimmed away; acknowledging it',
      );
      this.#acks.ack(stream, id);
      return;
    }
    const source: EntrySource = { stream, entryId: id, fields: fields.map(String) };
    const decoded = this.#ctx.codec.decode(fields, this.#ctx.keys.typeOf(stream));
    if (!decoded.ok) {
      this.#sideline(key, this.#letters.malformed(source, decoded.reason));
      return;
    }
    if (deliveries > this.#ctx.options.maxDeliveries) {
      const { event } = decoded;
      const letter = this.#letters.exhausted(source, event, deliveries);
      this.#sideline(
        key,
        letter.then(() => this.#ctx.reportFinished(this.id, event.id)),
      );
      return;
    }
    this.#holding.add(key);
    this.#held.set(decoded.event, { ...source, replyTtlMs: decoded.replyTtlMs });
    this.lane.offer(this.#envelope(decoded.event));
  }

  /** An envelope owed by this lane alone; it is also the causation scope the handler runs in. */
  #envelope(event: Event): Envelope {
    const envelope = new Envelope(event, this.#ctx.owner);
    envelope.seq = this.#ctx.nextSeq();
    envelope.pending = 1;
    return envelope;
  }

  #settled(envelope: Envelope, outcome: DeliveryOutcome): void {
    const held = this.#held.get(envelope.event);
    if (held === undefined || this.#ctx.isHalted()) return;
    this.#held.delete(envelope.event);
    this.#ctx.reportSettled(outcome);
    if (held.replayed !== undefined) {
      held.replayed(outcome);
    } else {
      this.#holding.delete(heldKey(held.stream, held.entryId));
      // A letter that could not be stored, or an entry skipped because we unsubscribed: leave it
      // pending, so that it is delivered again (here after claimIdleMs, or to the rest of the group).
      const leavePending = outcome.status === 'failed' || (outcome.status === 'skipped' && this.#closed);
      if (!leavePending) {
        if (held.replyTtlMs !== undefined) this.#reportOutcome(envelope.event.id, outcome, held.replyTtlMs);
        this.#acks.ack(held.stream, held.entryId);
        this.#ctx.reportFinished(this.id, envelope.event.id);
      }
    }
    this.#wakeUp();
    this.#notifyIfIdle();
  }

  #reportOutcome(eventId: string, outcome: DeliveryOutcome, ttlMs: number): void {
    const work = this.#ctx.outcomes.report(eventId, outcome, ttlMs).catch((error: unknown) => {
      this.#ctx.options.logger.warn({ err: error, eventId }, 'could not report a publishAndWait outcome');
    });
    this.#track(work);
  }

  #storeFailedLetter(letter: DeadLetter): Promise<void> {
    const held = this.#held.get(letter.event);
    if (held === undefined) return Promise.reject(new Error('the entry is no longer held'));
    return this.#letters.failed(held, letter);
  }

  /** Dead-letters an entry outside the lane; if the letter cannot be stored the entry stays pending. */
  #sideline(key: string, work: Promise<void>): void {
    this.#holding.add(key);
    this.#track(
      work
        .catch((error: unknown) => {
          this.#ctx.options.logger.error(
            { err: error, group: this.id },
            'could not dead-letter an entry; it stays pending',
          );
        })
        .finally(() => {
          this.#holding.delete(key);
          this.#wakeUp();
        }),
    );
  }

  #track(work: Promise<void>): void {
    this.#sideWork.add(work);
    void work.finally(() => {
      this.#sideWork.delete(work);
      this.#notifyIfIdle();
    });
  }

  /** Keeps the entries this process is handling from being claimed by other consumers. */
  #refreshHeld(): void {
    const byStream = new Map<string, string[]>();
    for (const held of this.#held.values()) {
      if (held.replayed !== undefined) continue;
      const ids = byStream.get(held.stream) ?? [];
      ids.push(held.entryId);
      byStream.set(held.stream, ids);
    }
    for (const [stream, ids] of byStream)
      refreshHeldEntries(this.#scope(stream), ids, this.#ctx.options.logger);
  }

  #pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = done;
    });
  }

  #wakeUp(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  #notifyIfIdle(): void {
    if (this.#held.size + this.#sideWork.size !== 0 || this.#idleWaiters.length === 0) return;
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
