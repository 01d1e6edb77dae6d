import type { BusInstrumentation } from './bus-instrumentation.js';

type HookName = Exclude<keyof BusInstrumentation, 'sampleEvery'>;

/** The sampling interval `instrumentation` asks for now; 1 (every delivery) unless a whole number above 1. */
function sampleEvery(instrumentation: BusInstrumentation): number {
  const every = instrumentation.sampleEvery;
  return typeof every === 'number' && Number.isSafeInteger(every) && every > 1 ? every : 1;
}

/**
 * The installed instrumentations, grouped by the hooks they implement, so a delivery pays only for
 * hooks that exist: no clock read without a hook that takes a duration, no `DeliveryInfo` without a
 * per-delivery hook, and for sampling instrumentations only one sample in `sampleEvery`. Built
 * whenever an instrumentation is installed or removed. A class, so that every instance has one shape
 * and the bus's hot paths that read it stay optimised as instrumentations come and go.
 */
export class InstalledHooks {
  readonly beforePublish: readonly BusInstrumentation[];
  readonly aroundDelivery: readonly BusInstrumentation[];
  /** `published` hooks that want every event. */
  readonly published: readonly BusInstrumentation[];
  /** `published` hooks of sampling instrumentations: called for sampled events only. */
  readonly sampledPublished: readonly BusInstrumentation[];
  /** Some `published` hook exists, sampling or not (the one check a publish makes). */
  readonly announcesPublished: boolean;
  readonly deliveryStarted: readonly BusInstrumentation[];
  /** `deliverySucceeded` hooks that want every delivery. */
  readonly deliverySucceeded: readonly BusInstrumentation[];
  /** `deliverySucceeded` hooks of sampling instrumentations: called for timed deliveries only. */
  readonly sampledSucceeded: readonly BusInstrumentation[];
  /** Every `deliveryFailed` hook, sampling or not: failures are never sampled. */
  readonly deliveryFailed: readonly BusInstrumentation[];
  readonly deadLettered: readonly BusInstrumentation[];
  readonly unhandled: readonly BusInstrumentation[];
  /** Some hook takes the duration of every delivery. */
  readonly timesDeliveries: boolean;
  /** Some hook needs a `DeliveryInfo` for each delivery. */
  readonly perDelivery: boolean;
  /** Some sampling instrumentation times deliveries (so lanes count down to the next sample). */
  readonly samples: boolean;
  readonly #sampling: readonly BusInstrumentation[];

  constructor(installed: readonly BusInstrumentation[]) {
    const having = (name: HookName): BusInstrumentation[] =>
      installed.filter((instrumentation) => typeof instrumentation[name] === 'function');
    const sampling = installed.filter((instrumentation) => instrumentation.sampleEvery !== undefined);
    const isSampling = (instrumentation: BusInstrumentation): boolean => sampling.includes(instrumentation);
    const published = having('published');
    const succeeded = having('deliverySucceeded');
    const failed = having('deliveryFailed');
    this.beforePublish = having('beforePublish');
    this.aroundDelivery = having('aroundDelivery');
    this.published = published.filter((instrumentation) => !isSampling(instrumentation));
    this.sampledPublished = published.filter(isSampling);
    this.announcesPublished = published.length > 0;
    this.deliveryStarted = having('deliveryStarted');
    this.deliverySucceeded = succeeded.filter((instrumentation) => !isSampling(instrumentation));
    this.sampledSucceeded = succeeded.filter(isSampling);
    this.deliveryFailed = failed;
    this.deadLettered = having('deadLettered');
    this.unhandled = having('unhandled');
    this.timesDeliveries =
      this.deliverySucceeded.length > 0 || failed.some((instrumentation) => !isSampling(instrumentation));
    this.perDelivery = this.timesDeliveries || this.deliveryStarted.length + this.aroundDelivery.length > 0;
    this.samples = this.sampledSucceeded.length > 0 || failed.some(isSampling);
    this.#sampling = sampling;
  }

  /** Events, or deliveries of one subscription, from one sample to the next: the smallest current `sampleEvery`. */
  sampleInterval(): number {
    let interval = Number.POSITIVE_INFINITY;
    for (const instrumentation of this.#sampling) interval = Math.min(interval, sampleEvery(instrumentation));
    return interval;
  }
}

/** No instrumentation installed. */
export const NO_HOOKS: InstalledHooks = new InstalledHooks([]);
