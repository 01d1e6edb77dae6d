// One subscription's scheduler: its waiting deliveries, concurrency, ordering keys, retries and dead
// letters. Over 150 lines because those share one piece of state (which keys are busy, what runs);
// splitting them would spread one invariant across files.
import type { BusInstrumentation, DeliveryInfo } from '../bus/bus-instrumentation.js';
import type { SubscriptionStats } from '../bus/bus-stats.js';
import type { InstalledHooks } from '../bus/installed-hooks.js';
import type { DeliveryOutcome } from '../bus/publish-result.js';
import type { PermitWaiter } from '../bus/concurrency-limiter.js';
import { type Envelope, NO_CUTOFF } from '../bus/envelope.js';
import type { DeliveryContext, EventHandler } from '../bus/subscription.js';
import { runInCausationScope, runInSyncCausationScope } from '../context/causation-context.js';
import { HandlerTimeoutError } from '../errors/handler-timeout-error.js';
import type { Event } from '../events/event.js';
import { RingQueue } from '../queue/ring-queue.js';
import type { CompiledSelector } from '../selectors/compile-selector.js';
import type { Selectable } from '../selectors/subscription-index.js';
import { AttemptContext } from './attempt-context.js';
import { isThenable } from './is-thenable.js';
import type { LaneHost } from './lane-host.js';
import type { RetryPolicy } from './retry-policy.js';
import { storeDeadLetter } from './store-dead-letter.js';

/** A delivery waiting to start. `attempt` 1 is a first delivery; a reserved key is held by it. */
interface PendingDelivery {
  readonly envelope: Envelope;
  readonly attempt: number;
  readonly key: string | undefined;
}

/** Per-attempt bookkeeping, allocated only when instrumentation or a context needs it. */
interface AttemptTracking {
  readonly info: DeliveryInfo | undefined;
  /** When the handler was invoked (`performance.now()`), or `NaN` if this attempt is not timed. */
  readonly startedAt: number;
  /** This attempt is timed for the sampling instrumentations. */
  readonly sampled: boolean;
  readonly context: AttemptContext | undefined;
}

const UNTRACKED: AttemptTracking = Object.freeze({
  info: undefined,
  startedAt: Number.NaN,
  sampled: false,
  context: undefined,
});
/** A delivery whose filter or ordering key threw: its handler never ran, so it took no time. */
const NEVER_INVOKED: AttemptTracking = Object.freeze({ ...UNTRACKED, startedAt: 0 });
const NO_INSTRUMENTATIONS: readonly never[] = [];
const NO_ERROR = Symbol('no error');

/** What a lane is built from; validated by the bus. */
export interface LaneDefinition {
  readonly id: string;
  readonly name: string;
  readonly selector: CompiledSelector;
  readonly handler: EventHandler;
  readonly policy: RetryPolicy;
  readonly concurrency: number;
  readonly timeoutMs: number | undefined;
  readonly orderingKey: ((event: Event) => string) | undefined;
  readonly filter: ((event: Event) => boolean) | undefined;
}

export class SubscriptionLane implements Selectable, PermitWaiter {
  readonly id: string;
  readonly name: string;
  readonly selector: CompiledSelector;
  readonly #host: LaneHost;
  readonly #definition: LaneDefinition;
  readonly #wantsContext: boolean;
  #cutoff = NO_CUTOFF;
  #inFlight = 0;
  #pumping = false;
  readonly #waiting = new RingQueue<PendingDelivery>();
  /** Retries whose delay is over and held-back deliveries whose key came free: they go first. */
  readonly #ready = new RingQueue<PendingDelivery>();
  /** Busy ordering keys, each with the deliveries held back behind the one that has it. */
  readonly #keys = new Map<string, RingQueue<PendingDelivery> | null>();
  /** Deliveries whose handler returned a promise that has not settled, with their context. */
  readonly #running = new Map<PendingDelivery, AttemptContext | undefined>();
  /** A lane with concurrency 1 (the default) awaits its one running async delivery in these fields. */
  #soleRunning: PendingDelivery | undefined;
  #soleContext: AttemptContext | undefined;
  #soleTracking: AttemptTracking = UNTRACKED;
  readonly #retrying = new Map<PendingDelivery, ReturnType<typeof setTimeout>>();
  readonly #storingLetters = new Set<Envelope>();
  readonly #counts = { delivered: 0, failed: 0, retried: 0, deadLettered: 0 };
  /** Deliveries until the next one timed for sampling instrumentations; the first one is. */
  #untilSample = 0;
  /** The registry's sampling epoch that count belongs to: a new one (install, removal, resample) starts it over. */
  #sampledEpoch = -1;
  /** The outcome of most deliveries, shared (and frozen) rather than allocated for each. */
  readonly #succeededAtFirstAttempt: DeliveryOutcome;
  /** Skipped deliveries (filtered out, or unsubscribed first) share one outcome too. */
  readonly #skipped: DeliveryOutcome;

  constructor(host: LaneHost, definition: LaneDefinition) {
    this.#host = host;
    this.#definition = definition;
    this.id = definition.id;
    this.name = definition.name;
    this.selector = definition.selector;
    this.#wantsContext = definition.handler.length > 1 || definition.timeoutMs !== undefined;
    this.#succeededAtFirstAttempt = Object.freeze({
      status: 'succeeded',
      subscription: this.name,
      subscriptionId: this.id,
      attempts: 1,
    });
    this.#skipped = Object.freeze({ status: 'skipped', subscription: this.name, subscriptionId: this.id });
  }

  /** Takes `envelope` for delivery; the bus has counted this lane in `envelope.pending`. */
  offer(envelope: Envelope): void {
    const { filter, orderingKey } = this.#definition;
    let key: string | undefined;
    try {
      if (filter !== undefined && !filter(envelope.event)) {
        this.#skip(envelope);
        return;
      }
      if (orderingKey !== undefined) key = String(orderingKey(envelope.event));
    } catch (error) {
      // A filter or key function that throws is a failure of this subscription, not worth a retry.
      this.#recordFailure({ envelope, attempt: 1, key: undefined }, error, NEVER_INVOKED, false);
      return;
    }
    if (envelope.seq > this.#cutoff) {
      this.#skip(envelope);
      return;
    }
    if (
      !this.#pumping &&
      this.#waiting.length === 0 &&
      this.#ready.length === 0 &&
      this.#inFlight < this.#definition.concurrency &&
      (key === undefined || !this.#keys.has(key)) &&
      this.#host.limiter.tryAcquire(this)
    ) {
      if (key !== undefined) this.#keys.set(key, null);
      this.#inFlight += 1;
      this.#start({ envelope, attempt: 1, key });
      return;
    }
    this.#waiting.push({ envelope, attempt: 1, key });
    // A busy lane takes it when its running delivery ends; pumping now would find no free slot.
    if (this.#inFlight < this.#definition.concurrency) this.#pump();
  }

  /** Called by the limiter when a permit this lane waited for is free. */
  resume(): void {
    this.#pump();
  }

  /** Stops first deliveries of events after `cutoff`; started ones (and their retries) go on. */
  close(cutoff: number): void {
    this.#cutoff = Math.min(this.#cutoff, cutoff);
    const keep = (pending: PendingDelivery): boolean => {
      if (pending.envelope.seq <= this.#cutoff) return true;
      this.#skip(pending.envelope);
      return false;
    };
    this.#waiting.retain(keep);
    for (const held of this.#keys.values()) held?.retain(keep);
  }

  /** Cancels retries and aborts running handlers; used once the bus has stopped. */
  halt(reason: Error): void {
    for (const timer of this.#retrying.values()) clearTimeout(timer);
    if (this.#soleContext !== undefined) AttemptContext.abort(this.#soleContext, reason);
    for (const context of this.#running.values())
      if (context !== undefined) AttemptContext.abort(context, reason);
  }

  /** Every envelope this lane still owes (waiting, running, retrying or being dead-lettered). */
  *owedEnvelopes(): IterableIterator<Envelope> {
    for (const pending of this.#waiting) yield pending.envelope;
    for (const pending of this.#ready) yield pending.envelope;
    for (const held of this.#keys.values())
      if (held !== null) for (const pending of held) yield pending.envelope;
    if (this.#soleRunning !== undefined) yield this.#soleRunning.envelope;
    for (const running of this.#running.keys()) yield running.envelope;
    for (const pending of this.#retrying.keys()) yield pending.envelope;
    yield* this.#storingLetters;
  }

  /** True when the lane owes nothing. */
  isIdle(): boolean {
    return (
      this.#inFlight === 0 &&
      this.#waiting.length === 0 &&
      this.#ready.length === 0 &&
      this.#retrying.size === 0 &&
      this.#storingLetters.size === 0
    );
  }

  stats(): SubscriptionStats {
    let queued = this.#waiting.length + this.#ready.length + this.#retrying.size;
    for (const held of this.#keys.values()) queued += held?.length ?? 0;
    return {
      id: this.id,
      name: this.name,
      selector: this.selector.text,
      ...this.#counts,
      inFlight: this.#inFlight,
      queued,
    };
  }

  /** Starts what can start now: async deliveries each get a worker that carries on with the next ones. */
  #pump(): void {
    if (this.#pumping || this.#host.isHalted()) return;
    this.#pumping = true;
    try {
      for (let next = this.#takeRunnable(); next !== undefined; next = this.#takeRunnable())
        this.#start(next);
    } finally {
      this.#pumping = false;
    }
  }

  /**
   * The next delivery allowed to start (a free slot, its key free, a permit), taking the slot and the
   * permit for it; skips what was unsubscribed and parks deliveries whose key is busy.
   */
  #takeRunnable(): PendingDelivery | undefined {
    while (this.#inFlight < this.#definition.concurrency) {
      const fromReady = this.#ready.length > 0;
      const queue = fromReady ? this.#ready : this.#waiting;
      const next = queue.peek();
      if (next === undefined) return undefined;
      if (next.attempt === 1 && next.envelope.seq > this.#cutoff) {
        queue.shift();
        this.#skip(next.envelope);
        if (fromReady) this.#releaseKey(next.key);
        continue;
      }
      if (!fromReady && next.key !== undefined && this.#keys.has(next.key)) {
        queue.shift();
        this.#holdBack(next);
        continue;
      }
      if (!this.#host.limiter.tryAcquire(this)) return undefined;
      queue.shift();
      if (!fromReady && next.key !== undefined) this.#keys.set(next.key, null);
      this.#inFlight += 1;
      return next;
    }
    return undefined;
  }

  #holdBack(pending: PendingDelivery): void {
    const key = pending.key as string;
    let held = this.#keys.get(key);
    if (held === null || held === undefined) {
      held = new RingQueue<PendingDelivery>();
      this.#keys.set(key, held);
    }
    held.push(pending);
  }

  #releaseKey(key: string | undefined): void {
    if (key === undefined) return;
    const next = this.#keys.get(key)?.shift();
    if (next === undefined) this.#keys.delete(key);
    else this.#ready.push(next);
  }

  /** Runs a delivery that holds a slot: inline if its handler is sync, on a worker if it returns a promise. */
  #start(pending: PendingDelivery): void {
    const tracking = this.#track(pending);
    let result: unknown;
    try {
      result = this.#invoke(pending, tracking);
    } catch (error) {
      this.#complete(pending, tracking, error);
      return;
    }
    if (!isThenable(result)) this.#complete(pending, tracking, NO_ERROR);
    else if (this.#definition.concurrency === 1) this.#awaitSole(pending, tracking, result);
    else void this.#work(pending, tracking, result);
  }

  /**
   * Awaits the one running delivery of a lane with concurrency 1 through callbacks bound once, which
   * find it in `#soleRunning`; `#pump()` then starts the next. Cheaper than a `#work` loop here: no
   * async function (and its promise) for a lane that gets one event at a time, and no map entry
   * (hashing a fresh object, then deleting it) per delivery.
   */
  #awaitSole(pending: PendingDelivery, tracking: AttemptTracking, result: PromiseLike<unknown>): void {
    this.#soleRunning = pending;
    this.#soleContext = tracking.context;
    this.#soleTracking = tracking;
    this.#withTimeout(pending, tracking, result).then(this.#onSoleFulfilled, this.#onSoleRejected);
  }

  readonly #onSoleFulfilled = (): void => this.#soleSettled(NO_ERROR);
  readonly #onSoleRejected = (error: unknown): void =>
    this.#soleSettled(error ?? new Error('handler rejected without a reason'));

  #soleSettled(error: unknown): void {
    const pending = this.#soleRunning as PendingDelivery;
    const tracking = this.#soleTracking;
    this.#soleRunning = undefined;
    this.#soleContext = undefined;
    this.#soleTracking = UNTRACKED;
    if (this.#host.isHalted()) return;
    this.#complete(pending, tracking, error);
    this.#pump();
  }

  /**
   * Awaits an async delivery, then keeps the slot and goes on with the next runnable deliveries
   * (sync ones inline) until there are none: one long-lived loop instead of a callback chain per event.
   */
  async #work(
    first: PendingDelivery,
    firstTracking: AttemptTracking,
    firstResult: PromiseLike<unknown>,
  ): Promise<void> {
    let pending = first;
    let tracking = firstTracking;
    let result = firstResult;
    for (;;) {
      this.#running.set(pending, tracking.context);
      let error: unknown = NO_ERROR;
      try {
        await this.#withTimeout(pending, tracking, result);
      } catch (failure) {
        error = failure ?? new Error('handler rejected without a reason');
      }
      this.#running.delete(pending);
      if (this.#host.isHalted()) return;
      this.#complete(pending, tracking, error);
      let next = this.#takeRunnable();
      for (; next !== undefined; next = this.#takeRunnable()) {
        const nextTracking = this.#track(next);
        let nextResult: unknown;
        try {
          nextResult = this.#invoke(next, nextTracking);
        } catch (failure) {
          this.#complete(next, nextTracking, failure);
          continue;
        }
        if (!isThenable(nextResult)) {
          this.#complete(next, nextTracking, NO_ERROR);
          continue;
        }
        pending = next;
        tracking = nextTracking;
        result = nextResult;
        break;
      }
      if (next === undefined) return;
    }
  }

  #withTimeout(
    pending: PendingDelivery,
    tracking: AttemptTracking,
    result: PromiseLike<unknown>,
  ): PromiseLike<unknown> {
    const { timeoutMs } = this.#definition;
    if (timeoutMs === undefined) return result;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const timeout = new HandlerTimeoutError(this.name, pending.envelope.event.type, timeoutMs);
        if (tracking.context !== undefined) AttemptContext.abort(tracking.context, timeout);
        reject(timeout);
      }, timeoutMs);
      result.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  }

  /**
   * What an attempt needs booked: usually nothing ({@link UNTRACKED}). Kept small so that it inlines
   * into the delivery path; the rare sampled attempt is tracked out of line.
   */
  #track(pending: PendingDelivery): AttemptTracking {
    const registry = this.#host.instrumentation;
    const hooks = registry.hooks;
    if (hooks.samples && (registry.samplingEpoch !== this.#sampledEpoch || --this.#untilSample <= 0))
      return this.#trackSample(pending, hooks);
    if (!hooks.perDelivery && !this.#wantsContext) return UNTRACKED;
    return this.#trackAttempt(pending, hooks, false);
  }

  /** Tracks an attempt timed for the sampling instrumentations, and counts down to the next one. */
  #trackSample(pending: PendingDelivery, hooks: InstalledHooks): AttemptTracking {
    this.#sampledEpoch = this.#host.instrumentation.samplingEpoch;
    this.#untilSample = hooks.sampleInterval();
    return this.#trackAttempt(pending, hooks, true);
  }

  #trackAttempt(pending: PendingDelivery, hooks: InstalledHooks, sampled: boolean): AttemptTracking {
    const info = hooks.perDelivery || sampled ? this.#deliveryInfo(pending) : undefined;
    if (info !== undefined) {
      for (const instrumentation of hooks.deliveryStarted) {
        try {
          instrumentation.deliveryStarted?.(info);
        } catch (error) {
          this.#hookFailed(error);
        }
      }
    }
    return {
      info,
      startedAt: hooks.timesDeliveries || sampled ? performance.now() : Number.NaN,
      sampled,
      context: this.#wantsContext ? new AttemptContext(pending.attempt, this.name) : undefined,
    };
  }

  #deliveryInfo(pending: PendingDelivery): DeliveryInfo {
    return {
      event: pending.envelope.event,
      subscriptionId: this.id,
      subscription: this.name,
      selector: this.selector.text,
      attempt: pending.attempt,
    };
  }

  /** Calls the handler in the event's causation scope, through any `aroundDelivery` hooks. */
  #invoke(pending: PendingDelivery, tracking: AttemptTracking): unknown {
    const { envelope } = pending;
    const handler = this.#definition.handler;
    const { info } = tracking;
    // Handlers that declare no second parameter get none (the bus passes `undefined`).
    const context = tracking.context as DeliveryContext;
    const around = this.#host.instrumentation.hooks.aroundDelivery;
    if (info === undefined || around.length === 0) {
      return this.#host.trackCausation
        ? runInCausationScope(envelope, handler, envelope.event, context)
        : runInSyncCausationScope(envelope, handler, envelope.event, context);
    }
    const call = (): unknown => handler(envelope.event, context);
    const wrapped = around.reduceRight<() => unknown>(
      (next, instrumentation) => () => instrumentation.aroundDelivery?.(info, next),
      call,
    );
    return this.#host.trackCausation
      ? runInCausationScope(envelope, wrapped)
      : runInSyncCausationScope(envelope, wrapped, undefined, undefined);
  }

  /** Books the end of an attempt: frees its slot and permit, then records success or failure. */
  #complete(pending: PendingDelivery, tracking: AttemptTracking, error: unknown): void {
    this.#inFlight -= 1;
    this.#host.limiter.release();
    if (error === NO_ERROR) {
      this.#counts.delivered += 1;
      if (tracking.info !== undefined) this.#reportSuccess(tracking.info, tracking);
      this.#host.settle(
        pending.envelope,
        pending.attempt === 1
          ? this.#succeededAtFirstAttempt
          : {
              status: 'succeeded',
              subscription: this.name,
              subscriptionId: this.id,
              attempts: pending.attempt,
            },
      );
      this.#releaseKey(pending.key);
      return;
    }
    this.#recordFailure(pending, error, tracking, true);
  }

  /** Calls the `deliverySucceeded` hooks that want this delivery: all of them if it was sampled. */
  #reportSuccess(info: DeliveryInfo, tracking: AttemptTracking): void {
    const hooks = this.#host.instrumentation.hooks;
    const every = hooks.deliverySucceeded;
    const sampled = tracking.sampled ? hooks.sampledSucceeded : NO_INSTRUMENTATIONS;
    if (every.length + sampled.length === 0) return;
    const durationMs = performance.now() - tracking.startedAt;
    for (const instrumentation of every) this.#callSucceeded(instrumentation, info, durationMs);
    for (const instrumentation of sampled) this.#callSucceeded(instrumentation, info, durationMs);
  }

  #callSucceeded(instrumentation: BusInstrumentation, info: DeliveryInfo, durationMs: number): void {
    try {
      instrumentation.deliverySucceeded?.(info, durationMs);
    } catch (error) {
      this.#hookFailed(error);
    }
  }

  #recordFailure(
    pending: PendingDelivery,
    error: unknown,
    tracking: AttemptTracking,
    mayRetry: boolean,
  ): void {
    this.#counts.failed += 1;
    const { envelope, attempt, key } = pending;
    const willRetry =
      mayRetry && attempt < this.#definition.policy.attempts && this.#isRetryable(error, attempt);
    const failedHooks = this.#host.instrumentation.hooks.deliveryFailed;
    if (failedHooks.length > 0) {
      // Failures are never sampled: an untimed attempt gets its info now, and a NaN duration.
      const info = tracking.info ?? this.#deliveryInfo(pending);
      const durationMs = tracking === NEVER_INVOKED ? 0 : performance.now() - tracking.startedAt;
      for (const instrumentation of failedHooks) {
        try {
          instrumentation.deliveryFailed?.(info, error, durationMs, willRetry);
        } catch (hookError) {
          this.#hookFailed(hookError);
        }
      }
    }
    this.#host.reportFailure({ event: envelope.event, subscription: this.name, attempt, error, willRetry });
    if (willRetry) this.#scheduleRetry({ envelope, attempt: attempt + 1, key });
    else this.#deadLetter(pending, error);
  }

  #isRetryable(error: unknown, attempt: number): boolean {
    try {
      return this.#definition.policy.isRetryable(error, attempt);
    } catch (predicateError) {
      this.#host.logger.error(
        { err: predicateError, subscription: this.name },
        'retry.retryable threw; not retrying',
      );
      return false;
    }
  }

  #scheduleRetry(retry: PendingDelivery): void {
    this.#counts.retried += 1;
    const timer = setTimeout(
      () => {
        this.#retrying.delete(retry);
        this.#ready.push(retry);
        this.#pump();
      },
      this.#definition.policy.delayAfter(retry.attempt - 1),
    );
    this.#retrying.set(retry, timer);
  }

  #deadLetter(pending: PendingDelivery, error: unknown): void {
    const { envelope, attempt } = pending;
    const letter = {
      id: this.#host.newDeadLetterId(),
      event: envelope.event,
      subscription: this.name,
      subscriptionId: this.id,
      attempts: attempt,
      error,
      deadLetteredAt: new Date(),
    };
    this.#storingLetters.add(envelope);
    storeDeadLetter(this.#host, letter, (stored) => {
      this.#storingLetters.delete(envelope);
      if (this.#host.isHalted()) return;
      if (stored) {
        this.#counts.deadLettered += 1;
        this.#host.reportDeadLetter(letter);
      }
      const status = stored ? 'dead-lettered' : 'failed';
      this.#host.settle(envelope, {
        status,
        subscription: this.name,
        subscriptionId: this.id,
        attempts: attempt,
        error,
      });
      this.#releaseKey(pending.key);
      this.#pump();
    });
  }

  #skip(envelope: Envelope): void {
    this.#host.settle(envelope, this.#skipped);
  }

  #hookFailed(error: unknown): void {
    try {
      this.#host.logger.error({ err: error, subscription: this.name }, 'instrumentation hook threw; ignored');
    } catch {
      // The logger failed too; nothing left to report to.
    }
  }
}
