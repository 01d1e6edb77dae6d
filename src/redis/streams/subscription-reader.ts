// One subscription's consumer: reads its consumer group's entries (own pending first, then new ones,
// plus entries claimed from silent consumers), hands them to a core SubscriptionLane (which runs the
// handler with retries, timeouts, ordering and instrumentation) and acknowledges each once the lane
// has finished with it. Over 300 lines because reading, claiming, refreshing held entries and
// settling share one piece of state: which entries this process holds.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type {
  BusInstrumentation,
  DeadLetter,
  DeliveryFailure,
  DeliveryOutcome,
  Event,
  SubscriptionStats,
} from '../../core/index.js';
import type { ConcurrencyLimiter } from '../../core/bus/concurrency-limiter.js';
import { Envelope } from '../../core/bus/envelope.js';
import { runInCausationScope } from '../../core/context/causation-context.js';
import type { LaneHost } from '../../core/delivery/lane-host.js';
import { type LaneDefinition, SubscriptionLane } from '../../core/delivery/subscription-lane.js';
import { selectorMatches } from '../../core/selectors/compile-selector.js';
import type { MalformedEntry } from '../bus/malformed-entry.js';
import type { ResolvedOptions } from '../bus/resolve-options.js';
import type { DeadLetterKind } from '../codec/dead-letter-record.js';
import type { EventCodec } from '../codec/event-codec.js';
import { serializeError } from '../codec/serialized-error.js';
import { DeliveryLimitError } from '../errors/delivery-limit-error.js';
import { MalformedMessageError } from '../errors/malformed-message-error.js';
import { AckQueue } from './ack-queue.js';
import { ensureConsumerGroup, subscriptionStartId } from './consumer-group.js';
import type { DeadLetterStream } from './dead-letter-stream.js';
import { hasGroupCaughtUp } from './group-progress.js';
import type { OutcomeChannel } from './outcome-channel.js';
import {
  compareStreamIds,
  isNoGroupError,
  parseAutoClaimReply,
  parsePendingReply,
  parseReadReply,
  type RawEntry,
} from './redis-replies.js';
import type { StreamKeys } from './stream-keys.js';
import type { TypeRegistry } from './type-registry.js';

const FIRST_BACKOFF_MS = 50;
const MAX_BACKOFF_MS = 2_000;
const RECOVER_PAGE_SIZE = 100;

/** What a reader needs from the bus that owns it. */
export interface ReaderContext {
  readonly owner: object;
  readonly options: ResolvedOptions;
  readonly keys: StreamKeys;
  readonly codec: EventCodec;
  readonly registry: TypeRegistry;
  readonly deadLetters: DeadLetterStream;
  readonly outcomes: OutcomeChannel;
  readonly limiter: ConcurrencyLimiter;
  readonly instrumentations: readonly BusInstrumentation[];
  commands(): Redis;
  openBlocking(label: string): Redis;
  releaseBlocking(connection: Redis): void;
  isHalted(): boolean;
  nextSeq(): number;
  reportSettled(outcome: DeliveryOutcome): void;
  reportFailure(failure: DeliveryFailure): void;
  reportDeadLetter(letter: DeadLetter): void;
  reportMalformed(entry: MalformedEntry): void;
}

/** An event this reader holds: a stream entry, or a dead letter being replayed. */
interface Held {
  readonly stream: string;
  readonly id: string;
  readonly fields: readonly string[];
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
  readonly #held = new Map<Event, Held>();
  /** Stream entries held (being handled or dead-lettered), by `heldKey`. */
  readonly #holding = new Set<string>();
  readonly #sideWork = new Set<Promise<void>>();
  readonly #streams: string[] = [];
  readonly #lastSeen = new Map<string, string>();
  #startId: string | undefined;
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
  readonly #ready: Promise<void>;
  #resolveReady: () => void = () => undefined;

  constructor(ctx: ReaderContext, definition: LaneDefinition) {
    this.#ctx = ctx;
    this.#definition = definition;
    this.id = definition.id;
    this.name = definition.name;
    this.#acks = new AckQueue(ctx.commands, this.id, ctx.options.logger, () => this.#wakeUp());
    this.#ready = new Promise((resolve) => (this.#resolveReady = resolve));
    const host: LaneHost = {
      owner: ctx.owner,
      logger: ctx.options.logger,
      limiter: ctx.limiter,
      get instrumentations() {
        return ctx.instrumentations;
      },
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

  /** Resolves once the consumer groups exist and the reader is reading. */
  ready(): Promise<void> {
    return this.#ready;
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
    this.#resolveReady();
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
  replay(
    event: Event,
    source: { stream: string; entryId: string; fields: readonly string[] },
  ): Promise<DeliveryOutcome> {
    return new Promise((resolve) => {
      const envelope = this.#envelope(event);
      this.#held.set(event, {
        stream: source.stream,
        id: source.entryId,
        fields: source.fields,
        replyTtlMs: undefined,
        replayed: resolve,
      });
      this.lane.offer(envelope);
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
    if (this.#startId === undefined) await this.#setUp();
    if (this.#definition.selector.exactType === undefined && performance.now() >= this.#nextRefreshAt) {
      await this.#refreshStreams();
    }
    if (this.#recover) {
      this.#recover = false;
      for (const stream of this.#streams) await this.#recoverOwnPending(stream);
    }
    if (performance.now() >= this.#nextClaimAt) {
      this.#nextClaimAt = performance.now() + Math.max(10, options.claimIdleMs / 2);
      for (const stream of this.#streams) await this.#claimIdle(stream);
    }
    const room = this.#room();
    if (room <= 0 || this.#streams.length === 0) {
      await this.#pause(Math.min(options.blockMs, options.typeRefreshMs));
      return;
    }
    await this.#readNew(room);
  }

  async #setUp(): Promise<void> {
    const commands = this.#ctx.commands();
    const startId = await subscriptionStartId(commands, this.#ctx.keys.subscriptionMarker(this.id));
    const exact = this.#definition.selector.exactType;
    const types =
      exact !== undefined ? [exact] : (await this.#ctx.registry.list()).filter((type) => this.matches(type));
    for (const type of types) await this.#addStream(this.#ctx.keys.stream(type), startId);
    this.#startId = startId;
    this.#nextRefreshAt = performance.now() + this.#ctx.options.typeRefreshMs;
    this.#resolveReady();
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

  async #recoverOwnPending(stream: string): Promise<void> {
    const { consumer } = this.#ctx.options;
    let after = '0';
    for (;;) {
      const reply = await this.#ctx
        .commands()
        .call('XREADGROUP', 'GROUP', this.id, consumer, 'COUNT', RECOVER_PAGE_SIZE, 'STREAMS', stream, after);
      const entries = parseReadReply(reply);
      const last = entries.at(-1);
      if (last === undefined) return;
      const counts = await this.#deliveryCounts(stream, entries);
      for (const entry of entries) this.#accept(entry, counts.get(entry.id) ?? 1);
      if (entries.length < RECOVER_PAGE_SIZE) return;
      after = last.id;
    }
  }

  async #claimIdle(stream: string): Promise<void> {
    const { consumer, claimIdleMs } = this.#ctx.options;
    let cursor = '0-0';
    do {
      const room = this.#room();
      if (room <= 0) return;
      const reply = await this.#ctx
        .commands()
        .call('XAUTOCLAIM', stream, this.id, consumer, claimIdleMs, cursor, 'COUNT', room);
      const claimed = parseAutoClaimReply(stream, reply);
      cursor = claimed.cursor;
      if (claimed.entries.length === 0) continue;
      const counts = await this.#deliveryCounts(stream, claimed.entries);
      for (const entry of claimed.entries) this.#accept(entry, counts.get(entry.id) ?? 1);
    } while (cursor !== '0-0');
  }

  /** Entries that may still be read: `prefetch` bounds what is read and not yet acknowledged. */
  #room(): number {
    return this.#ctx.options.prefetch - this.#holding.size - this.#acks.size;
  }

  async #deliveryCounts(stream: string, entries: readonly RawEntry[]): Promise<Map<string, number>> {
    const first = entries[0]?.id ?? '-';
    const last = entries.at(-1)?.id ?? '+';
    const reply = await this.#ctx
      .commands()
      .call(
        'XPENDING',
        stream,
        this.id,
        first,
        last,
        entries.length + this.#holding.size,
        this.#ctx.options.consumer,
      );
    return new Map(parsePendingReply(reply).map((info) => [info.id, info.deliveries]));
  }

  async #readNew(room: number): Promise<void> {
    const { consumer, blockMs } = this.#ctx.options;
    const blocking = this.#blocking ?? this.#openBlocking();
    const streams = [...this.#streams];
    const reply = await blocking.call(
      'XREADGROUP',
      'GROUP',
      this.id,
      consumer,
      'COUNT',
      room,
      'BLOCK',
      blockMs,
      'STREAMS',
      ...streams,
      ...streams.map(() => '>'),
    );
    const entries = parseReadReply(reply);
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
    const raw = fields.map(String);
    const decoded = this.#ctx.codec.decode(fields, this.#ctx.keys.typeOf(stream));
    if (!decoded.ok) {
      this.#sideline(key, this.#storeMalformed(stream, id, raw, decoded.reason));
      return;
    }
    if (deliveries > this.#ctx.options.maxDeliveries) {
      this.#sideline(key, this.#storeExhausted(stream, id, raw, decoded.event, deliveries));
      return;
    }
    this.#holding.add(key);
    this.#held.set(decoded.event, { stream, id, fields: raw, replyTtlMs: decoded.replyTtlMs });
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
      this.#holding.delete(heldKey(held.stream, held.id));
      // A letter that could not be stored, or an entry skipped because we unsubscribed: leave it
      // pending, so that it is delivered again (here after claimIdleMs, or to the rest of the group).
      const leavePending = outcome.status === 'failed' || (outcome.status === 'skipped' && this.#closed);
      if (!leavePending) {
        if (held.replyTtlMs !== undefined) this.#reportOutcome(envelope.event.id, outcome, held.replyTtlMs);
        this.#acks.ack(held.stream, held.id);
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
    return this.#store('failed', held.stream, held.id, held.fields, letter.id, letter.attempts, letter.error);
  }

  async #storeMalformed(
    stream: string,
    id: string,
    fields: readonly string[],
    reason: string,
  ): Promise<void> {
    const letterId = randomUUID();
    const error = new MalformedMessageError(stream, id, reason);
    await this.#store('malformed', stream, id, fields, letterId, 0, error, reason);
    this.#acks.ack(stream, id);
    this.#ctx.options.logger.error({ err: error, stream, entryId: id }, error.message);
    const entry = {
      id: letterId,
      stream,
      entryId: id,
      subscription: this.name,
      reason,
      fields,
      deadLetteredAt: new Date(),
    };
    this.#ctx.reportMalformed(entry);
  }

  async #storeExhausted(
    stream: string,
    id: string,
    fields: readonly string[],
    event: Event,
    deliveries: number,
  ): Promise<void> {
    const letterId = randomUUID();
    const error = new DeliveryLimitError(stream, id, deliveries, this.#ctx.options.maxDeliveries);
    await this.#store('exhausted', stream, id, fields, letterId, deliveries, error);
    this.#acks.ack(stream, id);
    this.#ctx.options.logger.error({ err: error, eventId: event.id, eventType: event.type }, error.message);
    const deadLetteredAt = new Date();
    this.#ctx.reportDeadLetter({
      id: letterId,
      event,
      subscription: this.name,
      subscriptionId: this.id,
      attempts: deliveries,
      error,
      deadLetteredAt,
    });
  }

  #store(
    kind: DeadLetterKind,
    stream: string,
    entryId: string,
    fields: readonly string[],
    letterId: string,
    attempts: number,
    error: unknown,
    reason?: string,
  ): Promise<void> {
    const serialized = serializeError(error);
    return this.#ctx.deadLetters.add({
      letterId,
      kind,
      group: this.id,
      subscription: this.name,
      stream,
      entryId,
      fields,
      attempts,
      reason: reason ?? serialized.message,
      error: serialized,
      deadLetteredAt: new Date().toISOString(),
    });
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

  /** Resets the idle time of held entries, so a live consumer's slow handlers are not claimed by others. */
  #refreshHeld(): void {
    const byStream = new Map<string, string[]>();
    for (const held of this.#held.values()) {
      if (held.replayed !== undefined) continue;
      const ids = byStream.get(held.stream) ?? [];
      ids.push(held.id);
      byStream.set(held.stream, ids);
    }
    for (const [stream, ids] of byStream) {
      this.#ctx
        .commands()
        .call('XCLAIM', stream, this.id, this.#ctx.options.consumer, 0, ...ids, 'JUSTID')
        .catch((error: unknown) =>
          this.#ctx.options.logger.debug({ err: error, stream }, 'could not refresh held entries'),
        );
    }
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
