// How publishAndWait() learns what became of an event in other processes: each consumer that
// finishes an entry published with a `reply` field pushes its outcome to a short-lived list.
import type { Redis } from 'ioredis';
import type { DeliveryOutcome } from '../../core/index.js';
import { parseUntrustedJson } from '../codec/json-value.js';
import { reviveError, serializeError } from '../codec/serialized-error.js';

const FIRST_POLL_MS = 2;
const MAX_POLL_MS = 50;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function toReport(outcome: DeliveryOutcome): Record<string, unknown> {
  switch (outcome.status) {
    case 'succeeded':
      return { ...outcome };
    case 'dead-lettered':
    case 'failed':
      return { ...outcome, error: serializeError(outcome.error) };
    case 'timed-out':
    case 'skipped':
      return { ...outcome };
  }
}

function fromReport(value: unknown): DeliveryOutcome | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const report = value as Record<string, unknown>;
  const { subscription, subscriptionId, status, attempts } = report;
  if (typeof subscription !== 'string' || typeof subscriptionId !== 'string') return undefined;
  const base = { subscription, subscriptionId };
  const tries = typeof attempts === 'number' ? attempts : 1;
  switch (status) {
    case 'succeeded':
      return { ...base, status, attempts: tries };
    case 'dead-lettered':
    case 'failed':
      return { ...base, status, attempts: tries, error: reviveError(report['error']) };
    case 'skipped':
      return { ...base, status };
    default:
      return undefined;
  }
}

/** Reports and collects `publishAndWait()` outcomes through `<prefix>:outcomes:<event id>` lists. */
export class OutcomeChannel {
  constructor(
    readonly commands: () => Redis,
    readonly keyOf: (eventId: string) => string,
  ) {}

  /** Pushes one subscription's outcome; the list expires after `ttlMs`. */
  async report(eventId: string, outcome: DeliveryOutcome, ttlMs: number): Promise<void> {
    const key = this.keyOf(eventId);
    await this.commands()
      .multi()
      .rpush(key, JSON.stringify(toReport(outcome)))
      .pexpire(key, Math.max(1, Math.ceil(ttlMs)))
      .exec();
  }

  /**
   * Polls until every subscription id in `expected` has reported or `timeoutMs` has passed; returns
   * the first report of each, then deletes the list.
   */
  async collect(
    eventId: string,
    expected: ReadonlySet<string>,
    timeoutMs: number,
  ): Promise<Map<string, DeliveryOutcome>> {
    const key = this.keyOf(eventId);
    const outcomes = new Map<string, DeliveryOutcome>();
    const deadline = performance.now() + timeoutMs;
    let pollMs = FIRST_POLL_MS;
    let seen = 0;
    while (outcomes.size < expected.size) {
      const items = await this.commands().call('LRANGE', key, seen, -1);
      for (const item of Array.isArray(items) ? items : []) {
        seen += 1;
        let outcome: DeliveryOutcome | undefined;
        try {
          outcome = fromReport(parseUntrustedJson(String(item)));
        } catch {
          outcome = undefined;
        }
        if (
          outcome !== undefined &&
          expected.has(outcome.subscriptionId) &&
          !outcomes.has(outcome.subscriptionId)
        ) {
          outcomes.set(outcome.subscriptionId, outcome);
        }
      }
      const left = deadline - performance.now();
      if (outcomes.size >= expected.size || left <= 0) break;
      await sleep(Math.min(pollMs, left));
      pollMs = Math.min(MAX_POLL_MS, pollMs * 2);
    }
    await this.commands().call('DEL', key);
    return outcomes;
  }
}
