import { type EventBus, InMemoryEventBus, type Logger } from '../core/index.js';
import type { QuantumTraderEvents } from '../quantum-trader/index.js';
import { RedisStreamsEventBus } from '../redis/index.js';
import type { DemoOptions } from './parse-demo-args.js';

/** Consumer group of the demo's services on Redis. */
const DEMO_GROUP = 'quantum-trader-demo';

/**
 * Builds the bus the demo runs on: in memory, or over Redis Streams when `--redis` gave a URL. Each
 * run uses its own key prefix, so runs never see each other's events.
 */
export function createDemoBus(options: DemoOptions, logger: Logger): EventBus<QuantumTraderEvents> {
  if (options.redisUrl === undefined) return new InMemoryEventBus<QuantumTraderEvents>({ logger });
  return new RedisStreamsEventBus<QuantumTraderEvents>({
    connection: options.redisUrl,
    group: DEMO_GROUP,
    keyPrefix: `quantum-trader-demo:${Date.now().toString(36)}-${process.pid}`,
    blockMs: 200,
    logger,
  });
}
