/** How a failed delivery is retried. Every attempt counts, the first included. */
export interface RetryOptions {
  /** Total attempts, the first included; 1 means no retry. Must be an integer of at least 1. */
  readonly attempts: number;
  /** Delay before the second attempt. @defaultValue 100 */
  readonly initialDelayMs?: number;
  /** Each later delay is the previous one times this factor. @defaultValue 2 */
  readonly factor?: number;
  /** Upper bound of any delay. @defaultValue 30_000 */
  readonly maxDelayMs?: number;
  /** Fraction of each delay that is randomised (0 = fixed delays, 1 = anywhere from 0 to the delay). @defaultValue 0.2 */
  readonly jitter?: number;
  /** Decides whether an error is worth another attempt; an error it refuses is dead-lettered at once. @defaultValue every error */
  readonly retryable?: (error: unknown, attempt: number) => boolean;
}
