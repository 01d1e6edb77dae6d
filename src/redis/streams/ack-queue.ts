import type { Redis } from 'ioredis';
import type { Logger } from '../../core/index.js';

const FIRST_RETRY_MS = 50;
const MAX_RETRY_MS = 2_000;

/**
 * Acknowledges entries of one consumer group in batches (one XACK per stream per tick). A failed
 * XACK (Redis unreachable) is retried until it succeeds or the queue is abandoned; an entry whose
 * acknowledgement never lands stays pending and is delivered again: a duplicate, never a loss.
 */
export class AckQueue {
  readonly #queued = new Map<string, string[]>();
  #scheduled = false;
  #inFlight = 0;
  #retryMs = FIRST_RETRY_MS;
  #abandoned = false;
  #idleWaiters: (() => void)[] = [];

  constructor(
    readonly commands: () => Redis,
    readonly group: string,
    readonly logger: Logger,
    /** Called whenever acknowledgements have landed. */
    readonly onAcknowledged: () => void = () => undefined,
  ) {}

  /** Entries queued or being acknowledged. */
  get size(): number {
    let size = this.#inFlight;
    for (const ids of this.#queued.values()) size += ids.length;
    return size;
  }

  ack(stream: string, id: string): void {
    if (this.#abandoned) return;
    const ids = this.#queued.get(stream);
    if (ids === undefined) this.#queued.set(stream, [id]);
    else ids.push(id);
    this.#schedule(0);
  }

  /** Resolves once nothing is queued or in flight. */
  idle(): Promise<void> {
    if (this.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** Drops whatever is still queued (those entries stay pending in Redis). */
  abandon(): void {
    this.#abandoned = true;
    this.#queued.clear();
    this.#notifyIfIdle();
  }

  #schedule(delayMs: number): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    const flush = (): void => {
      this.#scheduled = false;
      this.#flush();
    };
    if (delayMs === 0) setImmediate(flush);
    else setTimeout(flush, delayMs).unref();
  }

  #flush(): void {
    if (this.#abandoned) return;
    for (const [stream, ids] of this.#queued) {
      this.#queued.delete(stream);
      this.#inFlight += ids.length;
      this.commands()
        .call('XACK', stream, this.group, ...ids)
        .then(
          () => {
            this.#retryMs = FIRST_RETRY_MS;
            this.#inFlight -= ids.length;
            this.onAcknowledged();
            this.#notifyIfIdle();
          },
          (error: unknown) => {
            this.#inFlight -= ids.length;
            if (this.#abandoned) return this.#notifyIfIdle();
            this.logger.warn(
              { err: error, stream, group: this.group, entries: ids.length },
              'XACK failed; retrying',
            );
            const again = this.#queued.get(stream);
            this.#queued.set(stream, again === undefined ? ids : [...ids, ...again]);
            this.#schedule(this.#retryMs);
            this.#retryMs = Math.min(MAX_RETRY_MS, this.#retryMs * 2);
          },
        );
    }
  }

  #notifyIfIdle(): void {
    if (this.size !== 0 || this.#idleWaiters.length === 0) return;
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
