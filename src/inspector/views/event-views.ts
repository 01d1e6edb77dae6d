import type { Event } from '../../core/index.js';
import type { InspectorRecorder } from '../recorder/inspector-recorder.js';
import { formatValue, MAX_PAYLOAD_TEXT_CHARS, PREVIEW_CHARS } from './format-value.js';
import { redactSafely } from './redact-safely.js';

/** What happened to an event, as far as the recorder still remembers. */
export type EventStatus = 'ok' | 'failed' | 'dead-lettered' | 'unhandled';

/** One row of the events table. The payload is a redacted one-line preview. */
export interface EventSummary {
  /** Position in the inspector's buffer (0 for the first event seen); lets a page skip duplicates. */
  readonly seq: number;
  readonly id: string;
  readonly type: string;
  readonly timestamp: string;
  readonly correlationId?: string;
  readonly causationId?: string;
  readonly status: EventStatus;
  /** Failed attempts recorded for this event. */
  readonly failures: number;
  readonly preview: string;
}

/** One event in full: redacted payload and headers as JSON text. */
export interface EventDetail extends EventSummary {
  readonly payloadText: string;
  readonly headers: Readonly<Record<string, string>>;
}

interface FailureTally {
  failures: number;
  deadLettered: boolean;
}

/** Statuses of the events in the recorder, computed once per request or live update. */
export class EventStatusIndex {
  readonly #tallies = new Map<string, FailureTally>();
  readonly #unhandled: ReadonlySet<string>;

  constructor(recorder: InspectorRecorder) {
    recorder.failures.forEachSince(0, (failure) => {
      const tally = this.#tallies.get(failure.event.id) ?? { failures: 0, deadLettered: false };
      tally.failures += 1;
      if (!failure.willRetry) tally.deadLettered = true;
      this.#tallies.set(failure.event.id, tally);
    });
    this.#unhandled = new Set(recorder.unhandledIds.toArray());
  }

  status(eventId: string): EventStatus {
    const tally = this.#tallies.get(eventId);
    if (tally?.deadLettered) return 'dead-lettered';
    if (tally !== undefined) return 'failed';
    return this.#unhandled.has(eventId) ? 'unhandled' : 'ok';
  }

  failures(eventId: string): number {
    return this.#tallies.get(eventId)?.failures ?? 0;
  }
}

type Redact = ((event: Event) => Event) | undefined;

function summaryFields(event: Event, seq: number, statuses: EventStatusIndex) {
  return {
    seq,
    id: event.id,
    type: event.type,
    timestamp: event.timestamp.toISOString(),
    ...(event.correlationId === undefined ? {} : { correlationId: event.correlationId }),
    ...(event.causationId === undefined ? {} : { causationId: event.causationId }),
    status: statuses.status(event.id),
    failures: statuses.failures(event.id),
  };
}

/** The table row of `event`, its payload redacted and cut to a one-line preview. */
export function summariseEvent(
  event: Event,
  seq: number,
  statuses: EventStatusIndex,
  redact: Redact,
): EventSummary {
  const { payload } = redactSafely(event, redact);
  return { ...summaryFields(event, seq, statuses), preview: formatValue(payload, 0, PREVIEW_CHARS) };
}

/** `event` in full, redacted. */
export function detailEvent(
  event: Event,
  seq: number,
  statuses: EventStatusIndex,
  redact: Redact,
): EventDetail {
  const { payload, headers } = redactSafely(event, redact);
  return {
    ...summaryFields(event, seq, statuses),
    preview: formatValue(payload, 0, PREVIEW_CHARS),
    payloadText: formatValue(payload, 2, MAX_PAYLOAD_TEXT_CHARS),
    headers: { ...headers },
  };
}
