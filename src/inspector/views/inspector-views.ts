import type { BusState, DeadLetter, Event, SubscriptionStats } from '../../core/index.js';
import type { InspectableBus, SubscriptionDescription } from '../inspector-options.js';
import type { InspectorRecorder } from '../recorder/inspector-recorder.js';
import { orderCausally } from './causal-tree.js';
import { describeError, type ErrorView } from './describe-error.js';
import {
  detailEvent,
  type EventDetail,
  EventStatusIndex,
  type EventSummary,
  summariseEvent,
} from './event-views.js';
import { formatValue, MAX_PAYLOAD_TEXT_CHARS } from './format-value.js';
import { redactSafely } from './redact-safely.js';

/** The bus at a glance, with the events-per-second series. */
export interface OverviewView {
  readonly title: string;
  readonly state: BusState;
  readonly published: number;
  readonly delivered: number;
  readonly failed: number;
  readonly retried: number;
  readonly deadLettered: number;
  readonly unhandled: number;
  readonly queued: number;
  /** `null` when the queue is unbounded. */
  readonly maxQueueSize: number | null;
  readonly inFlight: number;
  readonly subscriptionCount: number;
  readonly eventBufferSize: number;
  /** One event in this many is recorded now (1 below `recordPerSecond` events per second). */
  readonly sampleEvery: number;
  readonly recordPerSecond: number;
  readonly rate: {
    readonly bucketMs: number;
    readonly endsAt: number;
    readonly published: readonly number[];
    readonly failed: readonly number[];
  };
}

/** One subscription's counters, where it lives, and its handler time percentiles. */
export interface SubscriptionView extends SubscriptionStats, SubscriptionDescription {
  readonly p50Ms: number | null;
  readonly p99Ms: number | null;
  readonly samples: number;
}

/** One dead letter, its event redacted. */
export interface DeadLetterView {
  readonly id: string;
  readonly subscription: string;
  readonly subscriptionId: string;
  readonly attempts: number;
  readonly deadLetteredAt: string;
  readonly error: ErrorView;
  readonly event: {
    readonly id: string;
    readonly type: string;
    readonly timestamp: string;
    readonly correlationId?: string;
  };
  readonly payloadText: string;
}

/** One failed attempt (recent ones are pushed to the page to highlight their events). */
export interface FailureView {
  readonly seq: number;
  readonly eventId: string;
  readonly eventType: string;
  readonly subscription: string;
  readonly attempt: number;
  readonly willRetry: boolean;
  readonly at: string;
  readonly error: ErrorView;
}

/** A correlation id's events in causal order (a depth-first walk), for the page to indent. */
export interface CausalTreeView {
  readonly correlationId: string;
  readonly nodes: readonly (EventSummary & { readonly depth: number; readonly causeMissing: boolean })[];
}

/** Filters of the events list. */
export interface EventFilter {
  readonly type?: string;
  readonly correlationId?: string;
  /** Newest events returned at most. */
  readonly limit?: number;
}

/** How many dead letters a page receives at most (the newest); the total is reported alongside. */
export const MAX_DEAD_LETTERS_SHOWN = 200;

/** What the views need besides the recorder and the bus. */
export interface ViewSettings {
  readonly title: string;
  readonly redact: ((event: Event) => Event) | undefined;
  readonly describeSubscription: (subscription: SubscriptionStats) => SubscriptionDescription | undefined;
}

/** True for the events of a flow: those carrying its correlation id, and its root (whose id it is). */
function isInFlow(event: Event, correlationId: string): boolean {
  return (
    event.correlationId === correlationId || (event.correlationId === undefined && event.id === correlationId)
  );
}

/**
 * Builds the JSON the page and the API serve, from the recorder's buffers and the bus's own counters.
 * Every event goes through `redact` here, the only place events are turned into JSON.
 */
export class InspectorViews {
  constructor(
    readonly bus: InspectableBus,
    readonly recorder: InspectorRecorder,
    readonly settings: ViewSettings,
  ) {}

  overview(): OverviewView {
    const stats = this.bus.stats();
    const published = this.recorder.publishedCounts();
    const failed = this.recorder.failedRate.snapshot();
    return {
      title: this.settings.title,
      state: stats.state,
      published: stats.published,
      delivered: stats.delivered,
      failed: stats.failed,
      retried: stats.retried,
      deadLettered: stats.deadLettered,
      unhandled: stats.unhandled,
      queued: stats.queued,
      maxQueueSize: Number.isFinite(stats.maxQueueSize) ? stats.maxQueueSize : null,
      inFlight: stats.inFlight,
      subscriptionCount: stats.subscriptions.length,
      eventBufferSize: this.recorder.events.capacity,
      sampleEvery: this.recorder.sampleEvery,
      recordPerSecond: this.recorder.recordPerSecond,
      rate: {
        bucketMs: published.bucketMs,
        endsAt: published.endsAt,
        published: published.counts,
        failed: failed.counts,
      },
    };
  }

  subscriptions(): SubscriptionView[] {
    const subscriptions = this.bus.stats().subscriptions;
    this.recorder.forgetSubscriptionsExcept(new Set(subscriptions.map((subscription) => subscription.id)));
    return subscriptions.map((subscription) => {
      const percentiles = this.recorder.durations(subscription.id)?.percentiles();
      return {
        ...subscription,
        ...this.#describe(subscription),
        p50Ms: percentiles?.p50 ?? null,
        p99Ms: percentiles?.p99 ?? null,
        samples: percentiles?.samples ?? 0,
      };
    });
  }

  /** The newest events matching `filter`, oldest first. */
  events(filter: EventFilter = {}): EventSummary[] {
    const statuses = new EventStatusIndex(this.recorder);
    const limit = filter.limit ?? this.recorder.events.capacity;
    const matched: { event: Event; seq: number }[] = [];
    const { events } = this.recorder;
    for (let seq = events.total - 1; seq >= events.firstSeq && matched.length < limit; seq--) {
      const event = events.at(seq) as Event;
      if (filter.type !== undefined && event.type !== filter.type) continue;
      if (filter.correlationId !== undefined && !isInFlow(event, filter.correlationId)) continue;
      matched.push({ event, seq });
    }
    return matched
      .reverse()
      .map(({ event, seq }) => summariseEvent(event, seq, statuses, this.settings.redact));
  }

  /** Events with sequence number >= `fromSeq`, at most the newest `limit` of them. */
  eventsSince(fromSeq: number, limit: number, statuses: EventStatusIndex): EventSummary[] {
    const summaries: EventSummary[] = [];
    const start = Math.max(fromSeq, this.recorder.events.total - limit);
    this.recorder.events.forEachSince(start, (event, seq) =>
      summaries.push(summariseEvent(event, seq, statuses, this.settings.redact)),
    );
    return summaries;
  }

  /** The newest event with this id still in the buffer. */
  event(id: string): EventDetail | undefined {
    const { events } = this.recorder;
    for (let seq = events.total - 1; seq >= events.firstSeq; seq--) {
      const event = events.at(seq) as Event;
      if (event.id === id)
        return detailEvent(event, seq, new EventStatusIndex(this.recorder), this.settings.redact);
    }
    return undefined;
  }

  causalTree(correlationId: string): CausalTreeView {
    const statuses = new EventStatusIndex(this.recorder);
    const items: { id: string; causationId?: string; event: Event; seq: number }[] = [];
    this.recorder.events.forEachSince(0, (event, seq) => {
      if (!isInFlow(event, correlationId)) return;
      const causation = event.causationId === undefined ? {} : { causationId: event.causationId };
      items.push({ id: event.id, ...causation, event, seq });
    });
    return {
      correlationId,
      nodes: orderCausally(items).map(({ item, depth, causeMissing }) => ({
        ...summariseEvent(item.event, item.seq, statuses, this.settings.redact),
        depth,
        causeMissing,
      })),
    };
  }

  /** Failed attempts with sequence number >= `fromSeq`. */
  failuresSince(fromSeq: number): FailureView[] {
    const failures: FailureView[] = [];
    this.recorder.failures.forEachSince(fromSeq, (failure, seq) =>
      failures.push({
        seq,
        eventId: failure.event.id,
        eventType: failure.event.type,
        subscription: failure.subscription,
        attempt: failure.attempt,
        willRetry: failure.willRetry,
        at: new Date(failure.at).toISOString(),
        error: describeError(failure.error),
      }),
    );
    return failures;
  }

  async deadLetters(): Promise<{ total: number; letters: DeadLetterView[] }> {
    const letters = await this.bus.listDeadLetters();
    return {
      total: letters.length,
      letters: letters.slice(-MAX_DEAD_LETTERS_SHOWN).map((letter) => this.#deadLetter(letter)),
    };
  }

  #deadLetter(letter: DeadLetter): DeadLetterView {
    const { event } = letter;
    const { payload } = redactSafely(event, this.settings.redact);
    return {
      id: letter.id,
      subscription: letter.subscription,
      subscriptionId: letter.subscriptionId,
      attempts: letter.attempts,
      deadLetteredAt: letter.deadLetteredAt.toISOString(),
      error: describeError(letter.error),
      event: {
        id: event.id,
        type: event.type,
        timestamp: event.timestamp.toISOString(),
        ...(event.correlationId === undefined ? {} : { correlationId: event.correlationId }),
      },
      payloadText: formatValue(payload, 2, MAX_PAYLOAD_TEXT_CHARS),
    };
  }

  #describe(subscription: SubscriptionStats): SubscriptionDescription {
    try {
      return this.settings.describeSubscription(subscription) ?? {};
    } catch {
      return {};
    }
  }
}
