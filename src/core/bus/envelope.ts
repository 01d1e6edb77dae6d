import type { CausationScope } from '../context/causation-context.js';
import type { Event } from '../events/event.js';
import type { DeliveryOutcome } from './publish-result.js';

/** Sequence numbers above every real one: a subscription closed with this cut-off still takes everything. */
export const NO_CUTOFF = Number.POSITIVE_INFINITY;

/**
 * An accepted event on its way through the bus: its place in publish order and how many
 * subscriptions still owe it. Also the causation scope its handlers run in.
 */
export class Envelope implements CausationScope {
  /** Subscriptions that have not finished with the event yet (plus one while it is being dispatched). */
  pending = 0;
  /** Set by `publishAndWait()`: each subscription's outcome, by subscription id. */
  outcomes: Map<string, DeliveryOutcome> | undefined = undefined;
  /** True once every subscription has finished with the event. */
  done = false;
  /** Set by `publishAndWait()`: called once every subscription has finished. */
  onSettled: (() => void) | undefined = undefined;

  constructor(
    readonly event: Event,
    readonly seq: number,
    readonly owner: object,
  ) {}
}
