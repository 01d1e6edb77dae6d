import type { BusInstrumentation, DeadLetter, DeliveryInfo, Event } from '../../core/index.js';
import { DurationWindow } from './duration-window.js';
import { RateSeries, type RateSnapshot } from './rate-series.js';
import { RecordingSampler } from './recording-sampler.js';
import { RingBuffer } from './ring-buffer.js';

/** One failed attempt, kept as it happened; serialised only when a page asks. */
export interface FailureRecord {
  readonly event: Event;
  readonly subscriptionId: string;
  readonly subscription: string;
  readonly attempt: number;
  readonly error: unknown;
  readonly willRetry: boolean;
  /** When it failed, in milliseconds since the epoch. */
  readonly at: number;
}

/** Sizes of the recorder's buffers. */
export interface RecorderLimits {
  readonly eventBufferSize: number;
  readonly durationSamples: number;
  readonly rateWindowSeconds: number;
  /** Events per second recorded in full, and deliveries per second timed; above, a sample. */
  readonly recordPerSecond: number;
}

const RATE_BUCKET_MS = 1000;
/** How often the per-second counters move on to the current second, and the sampler re-reads the rate. */
const TICK_MS = 100;

/**
 * The inspector's hooks on the bus. Each hook does O(1) work on fixed-size buffers (a ring of event
 * references, a ring of failures, a duration window per subscription, per-second counters) and
 * serialises nothing: that happens when a page asks, off the delivery path. Memory is bounded by
 * the limits, whatever the event rate; only the duration windows grow with the number of live
 * subscriptions, and {@link InspectorRecorder.forgetSubscriptionsExcept} prunes those that are gone.
 *
 * Cost stays flat whatever the rate: up to `recordPerSecond` events per second it keeps every event
 * and times every delivery; above, the bus hands it one event in {@link InspectorRecorder.sampleEvery},
 * evenly spaced, and times one delivery in as many per subscription, so no inspector code runs for
 * the others. Retaining every event of a busy bus would cost more than the bus itself (each retained
 * event outlives young-generation GC), and a page cannot show a thousand events a second anyway.
 * Failures are always recorded, all of them.
 */
export class InspectorRecorder implements BusInstrumentation {
  readonly events: RingBuffer<Event>;
  readonly failures: RingBuffer<FailureRecord>;
  /** Ids of events no subscription matched. */
  readonly unhandledIds: RingBuffer<string>;
  /** Published events per second; read it through {@link InspectorRecorder.publishedCounts}. */
  readonly #publishedRate: RateSeries;
  /** Events per second recorded in full; above, a sample. */
  readonly recordPerSecond: number;
  readonly failedRate: RateSeries;
  /** Set when a letter was dead-lettered; the live updates clear it after re-reading the sink. */
  deadLettersChanged = true;
  readonly #durations = new Map<string, DurationWindow>();
  readonly #durationSamples: number;
  readonly #sampler: RecordingSampler;
  /** Counts events published on the bus since it was created, sampled or not. */
  readonly #countPublished: () => number;
  /** The bus's count already added to the published rate. */
  #countedPublished: number;
  /** The bus's count at the last tick, for the sampler's rate (pages reading the chart do not move it). */
  #countAtTick: number;
  #clock: ReturnType<typeof setInterval> | undefined;

  /**
   * @param countPublished the bus's count of published events (`bus.stats().published`), read once per
   * tick and when a page asks: the rate chart is never sampled
   */
  constructor(limits: RecorderLimits, countPublished: () => number, now: () => number = Date.now) {
    this.events = new RingBuffer(limits.eventBufferSize);
    this.failures = new RingBuffer(limits.eventBufferSize);
    this.unhandledIds = new RingBuffer(limits.eventBufferSize);
    this.#publishedRate = new RateSeries(limits.rateWindowSeconds, RATE_BUCKET_MS, now);
    this.failedRate = new RateSeries(limits.rateWindowSeconds, RATE_BUCKET_MS, now);
    this.#durationSamples = limits.durationSamples;
    this.recordPerSecond = limits.recordPerSecond;
    this.#sampler = new RecordingSampler(Math.max(1, Math.round((limits.recordPerSecond * TICK_MS) / 1000)));
    this.#countPublished = countPublished;
    this.#countedPublished = countPublished();
    this.#countAtTick = this.#countedPublished;
  }

  /**
   * One event in this many is recorded, and one delivery in this many timed per subscription: 1 up
   * to `recordPerSecond` events per second, more above. The bus reads it after each sample.
   */
  get sampleEvery(): number {
    return this.#sampler.every;
  }

  /**
   * Starts calling {@link InspectorRecorder.tick} every 100 ms (the timer does not keep the process
   * alive), and `resample` when a tick finds that the rate fell.
   */
  startClock(resample: () => void): void {
    if (this.#clock !== undefined) return;
    this.#clock = setInterval(() => {
      if (this.tick()) resample();
    }, TICK_MS);
    this.#clock.unref();
  }

  /**
   * Moves the per-second counters to the current time, and the sampler to the rate of the last tick.
   * Returns true when the rate fell, so that the bus should start its sampling over.
   */
  tick(): boolean {
    const count = this.#addPublished();
    this.#publishedRate.rotate();
    this.failedRate.rotate();
    const published = count - this.#countAtTick;
    this.#countAtTick = count;
    return this.#sampler.tick(published);
  }

  /** Published events per second over the rate window, up to now. */
  publishedCounts(): RateSnapshot {
    this.#addPublished();
    return this.#publishedRate.snapshot();
  }

  stopClock(): void {
    clearInterval(this.#clock);
    this.#clock = undefined;
  }

  /** Called by the bus for sampled events only (see `sampleEvery`); counting is left to the bus. */
  published(event: Event): void {
    this.#sampler.sampled();
    this.events.push(event);
  }

  deliverySucceeded(delivery: DeliveryInfo, durationMs: number): void {
    this.#window(delivery.subscriptionId).record(durationMs);
  }

  deliveryFailed(delivery: DeliveryInfo, error: unknown, durationMs: number, willRetry: boolean): void {
    // NaN: an attempt the sampling left untimed.
    if (!Number.isNaN(durationMs)) this.#window(delivery.subscriptionId).record(durationMs);
    this.failedRate.rotate();
    this.failedRate.add();
    this.failures.push({
      event: delivery.event,
      subscriptionId: delivery.subscriptionId,
      subscription: delivery.subscription,
      attempt: delivery.attempt,
      error,
      willRetry,
      at: Date.now(),
    });
  }

  deadLettered(_letter: DeadLetter): void {
    this.deadLettersChanged = true;
  }

  unhandled(event: Event): void {
    this.unhandledIds.push(event.id);
  }

  /** The duration window of a subscription, if it has recorded any. */
  durations(subscriptionId: string): DurationWindow | undefined {
    return this.#durations.get(subscriptionId);
  }

  /** Drops the duration windows of subscriptions not in `liveIds` (unsubscribed ones). */
  forgetSubscriptionsExcept(liveIds: ReadonlySet<string>): void {
    for (const id of this.#durations.keys()) if (!liveIds.has(id)) this.#durations.delete(id);
  }

  /** Adds the events published since the last call to the current second; returns the bus's count. */
  #addPublished(): number {
    const count = this.#countPublished();
    this.#publishedRate.add(count - this.#countedPublished);
    this.#countedPublished = count;
    return count;
  }

  #window(subscriptionId: string): DurationWindow {
    let window = this.#durations.get(subscriptionId);
    if (window === undefined) {
      window = new DurationWindow(this.#durationSamples);
      this.#durations.set(subscriptionId, window);
    }
    return window;
  }
}
