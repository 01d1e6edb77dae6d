import type { DeadLetter } from '../delivery/dead-letter.js';
import type { Logger } from '../logging/logger.js';
import type { BusInstrumentation } from './bus-instrumentation.js';
import type { Event } from '../events/event.js';
import { admitEvent } from './admit-event.js';
import type { InstalledHooks } from './installed-hooks.js';
import type { InstrumentationRegistry } from './instrumentation-registry.js';
import type { DeliveryFailure } from './delivery-failure.js';

/** The user hooks a {@link BusReporter} calls; each is optional. */
export interface ReporterHooks {
  readonly onError?: (failure: DeliveryFailure) => void;
  readonly onDeadLetter?: (letter: DeadLetter) => void;
}

/**
 * What every bus does with failures: count them, log them, call the user's hooks and the installed
 * instrumentation. Nothing here ever throws into the bus: a hook or a logger that throws is contained.
 */
export class BusReporter {
  /** Successful deliveries, failed attempts, retries scheduled and dead letters stored. */
  readonly totals = { delivered: 0, failed: 0, retried: 0, deadLettered: 0 };
  readonly #logger: Logger;
  readonly #hooks: ReporterHooks;
  readonly #instrumentation: InstrumentationRegistry;
  /** The registry's sampling epoch the `published` count belongs to; a new epoch starts it over. */
  #sampledEpoch = -1;
  /** Events until the next one announced to sampling instrumentations. */
  #untilSample = 0;

  /** @param instrumentation the bus's installed instrumentations, whose failure and `published` hooks this calls */
  constructor(logger: Logger, hooks: ReporterHooks, instrumentation: InstrumentationRegistry) {
    this.#logger = logger;
    this.#hooks = hooks;
    this.#instrumentation = instrumentation;
  }

  reportFailure(failure: DeliveryFailure): void {
    this.totals.failed += 1;
    if (failure.willRetry) this.totals.retried += 1;
    const { event, subscription, attempt, error, willRetry } = failure;
    this.log(
      willRetry ? 'warn' : 'error',
      { err: error, eventId: event.id, eventType: event.type, subscription, attempt },
      `handler "${subscription}" failed on "${event.type}" (attempt ${attempt}); ${willRetry ? 'retrying' : 'dead-lettering'}`,
    );
    const onError = this.#hooks.onError;
    if (onError !== undefined) this.safely(() => onError(failure));
  }

  reportDeadLetter(letter: DeadLetter): void {
    this.totals.deadLettered += 1;
    const onDeadLetter = this.#hooks.onDeadLetter;
    if (onDeadLetter !== undefined) this.safely(() => onDeadLetter(letter));
    for (const hooks of this.#instrumentation.hooks.deadLettered)
      this.safely(() => hooks.deadLettered?.(letter));
  }

  /**
   * Passes `event` through the `beforePublish` hook of each of `instrumentations` in turn; an event a
   * hook returns is validated and replaces it. Runs per event, so no closure per call.
   */
  applyBeforePublish(instrumentations: readonly BusInstrumentation[], event: Event): Event {
    let current = event;
    for (const instrumentation of instrumentations) {
      let replaced: Event | void;
      try {
        replaced = instrumentation.beforePublish?.(current);
      } catch (error) {
        this.#hookThrew(error);
        continue;
      }
      if (replaced) current = admitEvent(replaced);
    }
    return current;
  }

  /**
   * Calls the `published` hooks of `hooks` for `event`: every event for instrumentations that want
   * every one, and the first event and then one in `hooks.sampleInterval()` for sampling ones. The
   * count starts over at each new sampling epoch (an install, a removal, a resample). Runs per event,
   * so no closure per call.
   */
  announcePublished(hooks: InstalledHooks, event: Event): void {
    for (const instrumentation of hooks.published) this.#callPublished(instrumentation, event);
    if (hooks.sampledPublished.length === 0) return;
    const epoch = this.#instrumentation.samplingEpoch;
    if (epoch === this.#sampledEpoch && --this.#untilSample > 0) return;
    this.#sampledEpoch = epoch;
    for (const instrumentation of hooks.sampledPublished) this.#callPublished(instrumentation, event);
    // Read after the hooks ran, so an interval they just changed applies from the next event.
    this.#untilSample = hooks.sampleInterval();
  }

  #callPublished(instrumentation: BusInstrumentation, event: Event): void {
    try {
      instrumentation.published?.(event);
    } catch (error) {
      this.#hookThrew(error);
    }
  }

  /** Runs a user hook; a throw is logged, never propagated into the bus. */
  safely<TResult>(call: () => TResult): TResult | undefined {
    try {
      return call();
    } catch (error) {
      this.#hookThrew(error);
      return undefined;
    }
  }

  #hookThrew(error: unknown): void {
    this.log('error', { err: error }, 'a hook threw; ignored');
  }

  /** Logs; a logger that throws is ignored, since there is nowhere left to report it. */
  log(level: keyof Logger, context: Record<string, unknown>, message: string): void {
    try {
      this.#logger[level](context, message);
    } catch {
      // The logger itself failed: nothing to do but keep the bus running.
    }
  }
}
