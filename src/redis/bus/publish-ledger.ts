// What this process published and which subscriptions of this bus still owe it: the source of the
// stop report's `delivered`, and of its undelivered events, so that nothing it published can vanish
// from the report. Local readers settle events as they finish them; events finished by other
// processes of the service are found by asking Redis (reconcile).
import type { Redis } from 'ioredis';
import type { Event, Logger, UndeliveredEvent } from '../../core/index.js';
import { finishedEntries } from '../streams/group-progress.js';

/** Above this many events still owed, ask Redis which ones other processes finished (bounds memory). */
const RECONCILE_ABOVE_OWED = 1_000;
const RECONCILE_EVERY_MS = 1_000;

/** The owers of an event no subscription matches; never changed, since such an event is not kept. */
const NOBODY: Map<string, string> = new Map();

/** An event this process is publishing or has published, with the subscriptions that still owe it. */
export interface OwedEvent {
  readonly event: Event;
  readonly stream: string;
  /** The stream entry, once the append has returned. */
  entryId: string | undefined;
  /** Subscription id (its consumer group) -> subscription name. */
  readonly owedBy: Map<string, string>;
}

/**
 * Counts this process's publishes that no subscription of this bus owes any more (every matching
 * subscription finished with it, in this process or another of the service, or none matched) and
 * keeps the others until they are.
 */
export class PublishLedger {
  readonly #byEventId = new Map<string, OwedEvent[]>();
  readonly #commands: () => Redis;
  readonly #logger: Logger;
  #size = 0;
  #finished = 0;
  #reconciling = false;
  #nextReconcileAt = 0;

  constructor(commands: () => Redis, logger: Logger) {
    this.#commands = commands;
    this.#logger = logger;
  }

  /** Publishes no subscription owes any more. */
  get finished(): number {
    return this.#finished;
  }

  /** Events kept because some subscription still owes them. */
  get size(): number {
    return this.#size;
  }

  /** Starts tracking `event` before it is appended (a local reader may settle it before the append returns). */
  open(event: Event, stream: string, owedBy: ReadonlyMap<string, string>): OwedEvent {
    if (owedBy.size === 0) return { event, stream, entryId: undefined, owedBy: NOBODY };
    const owed: OwedEvent = { event, stream, entryId: undefined, owedBy: new Map(owedBy) };
    const list = this.#byEventId.get(event.id);
    if (list === undefined) this.#byEventId.set(event.id, [owed]);
    else list.push(owed);
    this.#size += 1;
    return owed;
  }

  /** The append succeeded: the event counts as published. */
  appended(owed: OwedEvent, entryId: string): void {
    owed.entryId = entryId;
    if (owed.owedBy.size === 0) this.#finish(owed);
    else if (this.#size > RECONCILE_ABOVE_OWED) this.#reconcileInBackground();
  }

  /** The append failed: the event was never published. */
  cancel(owed: OwedEvent): void {
    this.#forget(owed);
  }

  /** Subscription `subscriptionId` has finished with the event `eventId` (handled or dead-lettered). */
  settle(subscriptionId: string, eventId: string): void {
    const owed = this.#byEventId.get(eventId)?.find((candidate) => candidate.owedBy.has(subscriptionId));
    if (owed === undefined) return;
    owed.owedBy.delete(subscriptionId);
    if (owed.owedBy.size === 0 && owed.entryId !== undefined) this.#finish(owed);
  }

  /** The subscription left the bus: it owes nothing any more. */
  release(subscriptionId: string): void {
    for (const owed of this.#owed()) {
      if (owed.owedBy.delete(subscriptionId) && owed.owedBy.size === 0) this.#finish(owed);
    }
  }

  /** Every event appended so far is finished: a drain saw every subscription's group caught up. */
  settleAll(): void {
    for (const owed of this.#owed()) if (owed.entryId !== undefined) this.#finish(owed);
  }

  /**
   * The events still owed, each with the names of the subscriptions owing it, then the events of
   * `held` (read by this process and not finished) that other processes published.
   */
  undelivered(held: readonly UndeliveredEvent[]): UndeliveredEvent[] {
    const ours = this.#owed().map((owed) => ({
      event: owed.event,
      subscriptions: [...owed.owedBy.values()],
    }));
    const ids = new Set(ours.map((entry) => entry.event.id));
    return [...ours, ...held.filter((entry) => !ids.has(entry.event.id))];
  }

  /**
   * Asks Redis which events still owed their subscriptions' groups have finished with (in any
   * process); resolves `false` if Redis did not answer within `timeoutMs`.
   */
  async reconcileWithin(timeoutMs: number): Promise<boolean> {
    if (this.#size === 0) return true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    const reconciled = this.#reconcile().then(
      () => true,
      (error: unknown) => {
        this.#logger.warn({ err: error }, 'could not ask Redis which published events were handled');
        return false;
      },
    );
    const answered = await Promise.race([reconciled, expired]);
    clearTimeout(timer);
    return answered;
  }

  /** When other processes handle our publishes we never see them settle: ask Redis, at most once a second. */
  #reconcileInBackground(): void {
    if (this.#reconciling || performance.now() < this.#nextReconcileAt) return;
    this.#reconciling = true;
    this.#nextReconcileAt = performance.now() + RECONCILE_EVERY_MS;
    this.#reconcile()
      .catch((error: unknown) => this.#logger.debug({ err: error }, 'could not reconcile published events'))
      .finally(() => (this.#reconciling = false));
  }

  async #reconcile(): Promise<void> {
    const batches = new Map<string, { group: string; stream: string; owed: OwedEvent[] }>();
    for (const owed of this.#owed()) {
      if (owed.entryId === undefined) continue;
      for (const group of owed.owedBy.keys()) {
        const key = `${group}\u0000${owed.stream}`;
        const batch = batches.get(key) ?? { group, stream: owed.stream, owed: [] };
        batch.owed.push(owed);
        batches.set(key, batch);
      }
    }
    for (const { group, stream, owed } of batches.values()) {
      const ids = owed.map((candidate) => candidate.entryId as string);
      const finished = await finishedEntries(this.#commands(), stream, group, ids);
      for (const candidate of owed) {
        // A local settlement may have come first meanwhile: finish each event once.
        if (!finished.has(candidate.entryId as string) || !candidate.owedBy.delete(group)) continue;
        if (candidate.owedBy.size === 0) this.#finish(candidate);
      }
    }
  }

  #owed(): OwedEvent[] {
    return [...this.#byEventId.values()].flat();
  }

  #finish(owed: OwedEvent): void {
    this.#finished += 1;
    this.#forget(owed);
  }

  #forget(owed: OwedEvent): void {
    const list = this.#byEventId.get(owed.event.id);
    const index = list?.indexOf(owed) ?? -1;
    if (list === undefined || index < 0) return;
    list.splice(index, 1);
    if (list.length === 0) this.#byEventId.delete(owed.event.id);
    this.#size -= 1;
  }
}
