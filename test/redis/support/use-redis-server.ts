// Mocha wiring for Redis tests: one private server per suite, skipped loudly when no redis-server exists.
import { randomBytes } from 'node:crypto';
import { RedisStreamsEventBus, type RedisStreamsEventBusOptions } from '../../../src/redis/index.js';
import { silentLogger, type AnyEvents, type StopOptions } from '../../../src/core/index.js';
import {
  findRedisServer,
  type RedisServer,
  type RedisServerOptions,
  startRedisServer,
} from './redis-server.js';

let warned = false;

/**
 * Starts a private redis-server before the suite and stops it after. Without a redis-server binary
 * the suite is skipped with a warning (CI installs one, so there it always runs).
 */
export function useRedisServer(options: RedisServerOptions = {}): () => RedisServer {
  let server: RedisServer | undefined;
  before(async function () {
    this.timeout(15_000);
    if (findRedisServer() === undefined) {
      if (!warned) {
        console.warn(
          '\n  !!! redis-server not found: the Redis transport tests are SKIPPED. Install redis-server ' +
            '(apt-get install redis-server) or set REDIS_SERVER_BIN; CI must have it. !!!\n',
        );
      }
      warned = true;
      this.skip();
    }
    server = await startRedisServer(options);
  });
  after(async () => {
    await server?.stop();
  });
  return () => {
    if (server === undefined) throw new Error('the Redis server is not running');
    return server;
  };
}

/** A key prefix no other test uses. */
export function uniquePrefix(): string {
  return `test-${randomBytes(4).toString('hex')}`;
}

/** Options small enough for fast tests: short blocks and idle times, a silent logger. */
export const FAST_OPTIONS = {
  blockMs: 100,
  claimIdleMs: 500,
  typeRefreshMs: 100,
  logger: silentLogger,
} as const satisfies Partial<RedisStreamsEventBusOptions>;

/** Creates buses and stops every one of them after each test. */
export function trackBuses(): <TEvents extends object = AnyEvents>(
  options: RedisStreamsEventBusOptions,
) => RedisStreamsEventBus<TEvents> {
  const buses: { stop(options: StopOptions): Promise<unknown> }[] = [];
  afterEach(async () => {
    await Promise.all(buses.splice(0).map((bus) => bus.stop({ timeoutMs: 2_000 })));
  });
  return <TEvents extends object = AnyEvents>(options: RedisStreamsEventBusOptions) => {
    const bus = new RedisStreamsEventBus<TEvents>({ ...FAST_OPTIONS, ...options });
    buses.push(bus);
    return bus;
  };
}

/** Polls `condition` until it holds; rejects with `what` after `timeoutMs`. For cross-process tests. */
export async function waitFor(
  what: string,
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 5_000,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
