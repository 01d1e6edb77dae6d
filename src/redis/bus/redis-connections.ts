import { Redis } from 'ioredis';
import type { Logger } from '../../core/index.js';

/**
 * The bus's connections: one for commands (the caller's client, or one opened from the URL) and one
 * per subscription for blocking reads. Opened lazily: the constructor does no I/O. Connections the
 * bus opened are closed by `close()`; the caller's client is left open.
 */
export class RedisConnections {
  readonly #source: string | Redis;
  readonly #logger: Logger;
  readonly #owned = new Set<Redis>();
  #commands: Redis | undefined;

  constructor(source: string | Redis, logger: Logger) {
    this.#source = source;
    this.#logger = logger;
  }

  /** The command connection (publish, XACK, XAUTOCLAIM, ...). */
  get commands(): Redis {
    if (this.#commands !== undefined) return this.#commands;
    this.#commands =
      typeof this.#source === 'string'
        ? // Auto-pipelining batches the commands of one tick into one socket write: a faster publish.
          this.#own(new Redis(this.#source, { lazyConnect: true, enableAutoPipelining: true }))
        : this.#source;
    return this.#commands;
  }

  /** A new connection for one reader's blocking XREADGROUP; its commands wait across reconnects. */
  openBlocking(label: string): Redis {
    const options = { lazyConnect: true, maxRetriesPerRequest: null, connectionName: label };
    return this.#own(
      typeof this.#source === 'string' ? new Redis(this.#source, options) : this.#source.duplicate(options),
    );
  }

  /** Closes `connection` at once (a blocking read on it rejects). */
  release(connection: Redis): void {
    if (!this.#owned.delete(connection)) return;
    connection.disconnect();
  }

  /** Closes every connection the bus opened (politely when it is up, at once otherwise). */
  async close(): Promise<void> {
    const owned = [...this.#owned];
    this.#owned.clear();
    await Promise.all(
      owned.map(async (connection) => {
        if (connection.status !== 'ready') return connection.disconnect();
        try {
          await connection.quit();
        } catch {
          connection.disconnect();
        }
      }),
    );
  }

  #own(connection: Redis): Redis {
    this.#owned.add(connection);
    let down = false;
    // Without a listener ioredis prints every reconnect error; log the first of each outage only.
    connection.on('error', (error: unknown) => {
      if (down) return;
      down = true;
      this.#logger.warn({ err: error }, 'Redis connection failed; reconnecting');
    });
    connection.on('ready', () => {
      if (down) this.#logger.info({}, 'Redis connection restored');
      down = false;
    });
    return connection;
  }
}
