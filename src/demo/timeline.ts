// Watches a bus through its instrumentation hooks and keeps, for the printout, who published each
// event, which subscriptions handled it, and what happened inside each handler.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { BusInstrumentation, DeliveryInfo, Event } from '../core/index.js';

/** Something that happened inside a delivery: a note (a log line, a message sent) or an event it published. */
export type TimelineItem =
  | { readonly kind: 'note'; readonly text: string }
  | { readonly kind: 'event'; readonly entry: TimelineEvent };

/** One subscription's handling of one event, over all its attempts. */
export interface TimelineDelivery {
  readonly subscription: string;
  status: 'running' | 'succeeded' | 'failed';
  attempts: number;
  readonly items: TimelineItem[];
}

/** A published event, with its publisher and the deliveries it got. */
export interface TimelineEvent {
  readonly event: Event;
  /** Who published it: the script's actor, or the service whose handler did. */
  readonly actor: string;
  /** The script's clock label, for events the script published. */
  readonly at: string | undefined;
  readonly deliveries: TimelineDelivery[];
  unhandled: boolean;
}

interface Scope {
  readonly actor?: string;
  readonly at?: string;
  readonly delivery?: TimelineDelivery;
}

/** Records a bus's activity as a tree: script steps at the top, handlers and what they caused below. */
export class Timeline {
  readonly #scope = new AsyncLocalStorage<Scope>();
  readonly #roots: TimelineEvent[] = [];
  readonly #events = new Map<string, TimelineEvent>();
  readonly #deliveries = new Map<string, TimelineDelivery>();

  /** @param actorOf - the publisher's display name for a handler's subscription name. */
  constructor(
    private readonly actorOf: (subscription: string) => string = (name) => name.split('.')[0] ?? name,
  ) {}

  /** The top-level events, in publish order. */
  get roots(): readonly TimelineEvent[] {
    return this.#roots;
  }

  /** Every event recorded, in publish order. */
  get events(): readonly Event[] {
    return [...this.#events.values()].map((entry) => entry.event);
  }

  /** Runs a script step: events it publishes are shown as published by `actor` at `at`. */
  step<TResult>(at: string, actor: string, run: () => TResult): TResult {
    return this.#scope.run({ at, actor }, run);
  }

  /** Adds a line under the delivery running now; ignored outside any delivery. */
  note(text: string): void {
    this.#scope.getStore()?.delivery?.items.push({ kind: 'note', text });
  }

  /** The hooks to install with `bus.instrument()`. */
  instrumentation(): BusInstrumentation {
    return {
      published: (event) => this.#published(event),
      aroundDelivery: (delivery, invoke) => this.#scope.run({ delivery: this.#delivery(delivery) }, invoke),
      deliverySucceeded: (delivery) => {
        const record = this.#delivery(delivery);
        record.status = 'succeeded';
      },
      deliveryFailed: (delivery, error, _durationMs, willRetry) => {
        const record = this.#delivery(delivery);
        record.status = willRetry ? 'running' : 'failed';
        record.items.push({ kind: 'note', text: `attempt ${delivery.attempt} failed: ${String(error)}` });
      },
      unhandled: (event) => {
        const entry = this.#events.get(event.id);
        if (entry !== undefined) entry.unhandled = true;
      },
    };
  }

  #published(event: Event): void {
    const scope = this.#scope.getStore();
    const parent = scope?.delivery;
    const entry: TimelineEvent = {
      event,
      actor:
        parent !== undefined ? this.actorOf(parent.subscription) : (scope?.actor ?? '(outside the script)'),
      at: parent === undefined ? scope?.at : undefined,
      deliveries: [],
      unhandled: false,
    };
    this.#events.set(event.id, entry);
    if (parent === undefined) this.#roots.push(entry);
    else parent.items.push({ kind: 'event', entry });
  }

  #delivery(info: DeliveryInfo): TimelineDelivery {
    const key = `${info.event.id}/${info.subscriptionId}`;
    let record = this.#deliveries.get(key);
    if (record === undefined) {
      record = { subscription: info.subscription, status: 'running', attempts: 0, items: [] };
      this.#deliveries.set(key, record);
      this.#events.get(info.event.id)?.deliveries.push(record);
    }
    record.attempts = Math.max(record.attempts, info.attempt);
    return record;
  }
}
