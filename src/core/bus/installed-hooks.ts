import type { BusInstrumentation } from './bus-instrumentation.js';

type HookName = Exclude<keyof BusInstrumentation, 'sampleEvery'>;

/**
 * The installed instrumentations, grouped by the hooks they implement, so a delivery pays only for
 * hooks that exist: no clock read without a hook that takes a duration, no `DeliveryInfo` without a
 * per-delivery hook, and for sampling instrumentations only one timed delivery in `sampleEvery`.
 * Rebuilt whenever an instrumentation is installed or removed.
 */
export interface InstalledHooks {
  readonly beforePublish: readonly BusInstrumentation[];
  readonly aroundDelivery: readonly BusInstrumentation[];
  readonly published: readonly BusInstrumentation[];
  readonly deliveryStarted: readonly BusInstrumentation[];
  /** `deliverySucceeded` hooks that want every delivery. */
  readonly deliverySucceeded: readonly BusInstrumentation[];
  /** `deliverySucceeded` hooks of sampling instrumentations: called for timed deliveries only. */
  readonly sampledSucceeded: readonly BusInstrumentation[];
  /** Every `deliveryFailed` hook, sampling or not: failures are never sampled. */
  readonly deliveryFailed: readonly BusInstrumentation[];
  readonly deadLettered: readonly BusInstrumentation[];
  readonly unhandled: readonly BusInstrumentation[];
  /** Some hook needs a `DeliveryInfo` for each delivery. */
  readonly perDelivery: boolean;
  /** Some hook takes the duration of every delivery. */
  readonly timesDeliveries: boolean;
  /** Some sampling instrumentation times deliveries (so lanes count down to the next sample). */
  readonly samples: boolean;
  /** Deliveries from one timed delivery to the next: the smallest current `sampleEvery`. */
  sampleInterval(): number;
}

/** The sampling interval `instrumentation` asks for now; 1 (every delivery) unless a whole number above 1. */
function sampleEvery(instrumentation: BusInstrumentation): number {
  const every = instrumentation.sampleEvery;
  return typeof every === 'number' && Number.isSafeInteger(every) && every > 1 ? every : 1;
}

/** Groups `installed` by hook. */
export function summarizeHooks(installed: readonly BusInstrumentation[]): InstalledHooks {
  const having = (name: HookName): BusInstrumentation[] =>
    installed.filter((instrumentation) => typeof instrumentation[name] === 'function');
  const sampling = installed.filter((instrumentation) => instrumentation.sampleEvery !== undefined);
  const succeeded = having('deliverySucceeded');
  const failed = having('deliveryFailed');
  const hooks = {
    beforePublish: having('beforePublish'),
    aroundDelivery: having('aroundDelivery'),
    published: having('published'),
    deliveryStarted: having('deliveryStarted'),
    deliverySucceeded: succeeded.filter((instrumentation) => !sampling.includes(instrumentation)),
    sampledSucceeded: succeeded.filter((instrumentation) => sampling.includes(instrumentation)),
    deliveryFailed: failed,
    deadLettered: having('deadLettered'),
    unhandled: having('unhandled'),
  };
  const timesDeliveries =
    hooks.deliverySucceeded.length > 0 ||
    failed.some((instrumentation) => !sampling.includes(instrumentation));
  const timedBySampling = sampling.filter(
    (instrumentation) => hooks.sampledSucceeded.includes(instrumentation) || failed.includes(instrumentation),
  );
  return {
    ...hooks,
    timesDeliveries,
    perDelivery: timesDeliveries || hooks.deliveryStarted.length + hooks.aroundDelivery.length > 0,
    samples: timedBySampling.length > 0,
    sampleInterval: () => Math.min(...timedBySampling.map(sampleEvery)),
  };
}

/** No instrumentation installed. */
export const NO_HOOKS: InstalledHooks = summarizeHooks([]);
