import { describeValue } from '../events/event-type.js';
import { InvalidSubscriptionError } from '../errors/invalid-subscription-error.js';
import type { RetryOptions } from './retry-options.js';

/** Default delay before the first retry, in milliseconds. */
export const DEFAULT_RETRY_INITIAL_DELAY_MS = 100;
/** Default upper bound of a retry delay, in milliseconds. */
export const DEFAULT_RETRY_MAX_DELAY_MS = 30_000;
const DEFAULT_FACTOR = 2;
const DEFAULT_JITTER = 0.2;

/** A validated retry policy. */
export interface RetryPolicy {
  readonly attempts: number;
  /** Delay before attempt `attempt + 1`, after attempt `attempt` failed. */
  delayAfter(attempt: number): number;
  isRetryable(error: unknown, attempt: number): boolean;
}

function assertNumber(name: string, value: number, minimum: number, integer = false): void {
  if (
    typeof value !== 'number' ||
    Number.isNaN(value) ||
    value < minimum ||
    (integer && !Number.isInteger(value))
  ) {
    throw new InvalidSubscriptionError(
      `retry.${name} must be ${integer ? 'an integer' : 'a number'} >= ${minimum}, got ${describeValue(value)}`,
    );
  }
}

/** Builds a policy from `subscribe()`'s `retry` option (a number of attempts, or options). */
export function createRetryPolicy(
  option: RetryOptions | number | undefined,
  random: () => number = Math.random,
): RetryPolicy {
  const options: RetryOptions =
    typeof option === 'number' ? { attempts: option } : (option ?? { attempts: 1 });
  if (typeof options !== 'object' || options === null) {
    throw new InvalidSubscriptionError('retry must be a number of attempts or an options object');
  }
  const initialDelayMs = options.initialDelayMs ?? DEFAULT_RETRY_INITIAL_DELAY_MS;
  const factor = options.factor ?? DEFAULT_FACTOR;
  const maxDelayMs = options.maxDelayMs ?? DEFAULT_RETRY_MAX_DELAY_MS;
  const jitter = options.jitter ?? DEFAULT_JITTER;
  assertNumber('attempts', options.attempts, 1, true);
  assertNumber('initialDelayMs', initialDelayMs, 0);
  assertNumber('factor', factor, 1);
  assertNumber('maxDelayMs', maxDelayMs, 0);
  assertNumber('jitter', jitter, 0);
  if (jitter > 1) throw new InvalidSubscriptionError(`retry.jitter must be between 0 and 1, got ${jitter}`);
  const retryable = options.retryable;
  if (retryable !== undefined && typeof retryable !== 'function') {
    throw new InvalidSubscriptionError('retry.retryable must be a function (error, attempt) => boolean');
  }
  return {
    attempts: options.attempts,
    delayAfter(attempt) {
      const base = Math.min(maxDelayMs, initialDelayMs * factor ** (attempt - 1));
      return base * (1 - jitter * random());
    },
    isRetryable: (error, attempt) => retryable === undefined || retryable(error, attempt),
  };
}
