import type { CausationScope } from '../context/causation-context.js';
import type { Event } from '../events/event.js';
import type { DeliveryOutcome } from './publish-result.js';

/** Sequence numbers above every real one: a subscription closed with this cut-off still takes everything. */
export const NO_CUTOFF = Number.POSITIVE_INFINITY;

/**
 * An event being dispatched: its place in dispatch (= publish) order and how many subscriptions still
 * owe it. Also the causation scope its handlers run in. Created when the event leaves the queue (or at
 * publish, for `publishAndWait()`), so a queued event costs no more than the event itself.
 */
export class Envelope implements CausationScope {
  /** Position in dispatch order; set when the dispatcher takes the event off the queue. */
  seq = 0;
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
    readonly owner: object,
  ) {}
}
