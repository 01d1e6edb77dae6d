import type { BusInstrumentation } from './bus-instrumentation.js';

type HookName = Exclude<keyof BusInstrumentation, never>;

/**
 * The installed instrumentations, grouped by the hooks they implement, so a delivery pays only for
 * hooks that exist: no clock read without a hook that takes a duration, no `DeliveryInfo` without a
 * per-delivery hook. Rebuilt whenever an instrumentation is installed or removed.
 */
export interface InstalledHooks {
  readonly beforePublish: readonly BusInstrumentation[];
  readonly aroundDelivery: readonly BusInstrumentation[];
  readonly published: readonly BusInstrumentation[];
  readonly deliveryStarted: readonly BusInstrumentation[];
  readonly deliverySucceeded: readonly BusInstrumentation[];
  readonly deliveryFailed: readonly BusInstrumentation[];
  readonly deadLettered: readonly BusInstrumentation[];
  readonly unhandled: readonly BusInstrumentation[];
  /** Some hook needs a `DeliveryInfo` for each delivery. */
  readonly perDelivery: boolean;
  /** Some hook takes a delivery's duration. */
  readonly timesDeliveries: boolean;
}

/** Groups `installed` by hook. */
export function summarizeHooks(installed: readonly BusInstrumentation[]): InstalledHooks {
  const having = (name: HookName): readonly BusInstrumentation[] =>
    installed.filter((instrumentation) => typeof instrumentation[name] === 'function');
  const hooks = {
    beforePublish: having('beforePublish'),
    aroundDelivery: having('aroundDelivery'),
    published: having('published'),
    deliveryStarted: having('deliveryStarted'),
    deliverySucceeded: having('deliverySucceeded'),
    deliveryFailed: having('deliveryFailed'),
    deadLettered: having('deadLettered'),
    unhandled: having('unhandled'),
  };
  const timesDeliveries = hooks.deliverySucceeded.length + hooks.deliveryFailed.length > 0;
  return {
    ...hooks,
    timesDeliveries,
    perDelivery: timesDeliveries || hooks.deliveryStarted.length + hooks.aroundDelivery.length > 0,
  };
}

/** No instrumentation installed. */
export const NO_HOOKS: InstalledHooks = summarizeHooks([]);
