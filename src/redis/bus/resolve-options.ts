import { hostname } from 'node:os';
import { InvalidOptionsError, consoleLogger, type Logger } from '../../core/index.js';
import {
  DEFAULT_BLOCK_MS,
  DEFAULT_CLAIM_IDLE_MS,
  DEFAULT_KEY_PREFIX,
  DEFAULT_MAX_DELIVERIES,
  DEFAULT_MAX_STREAM_LENGTH,
  DEFAULT_PREFETCH,
  DEFAULT_TYPE_REFRESH_MS,
  type RedisStreamsEventBusOptions,
} from './redis-streams-event-bus-options.js';

/** The options with every default filled in. */
export interface ResolvedOptions {
  readonly group: string;
  readonly consumer: string;
  readonly keyPrefix: string;
  readonly blockMs: number;
  readonly claimIdleMs: number;
  readonly maxDeliveries: number;
  readonly maxStreamLength: number;
  readonly prefetch: number;
  readonly typeRefreshMs: number;
  readonly concurrency: number;
  readonly logger: Logger;
}

function positive(name: string, value: number | undefined, fallback: number, integer = false): number {
  if (value === undefined) return fallback;
  if (
    typeof value !== 'number' ||
    !(value > 0) ||
    (integer && !Number.isInteger(value) && value !== Infinity)
  ) {
    throw new InvalidOptionsError(
      name,
      `must be a positive ${integer ? 'integer' : 'number'}, got ${String(value)}`,
    );
  }
  return value;
}

function name(option: string, value: unknown, fallback?: string): string {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'string' || value.length === 0) {
    throw new InvalidOptionsError(option, `must be a non-empty string, got ${typeof value}`);
  }
  return value;
}

/** Validates the options. @throws {@link InvalidOptionsError} */
export function resolveOptions(options: RedisStreamsEventBusOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidOptionsError('options', 'pass { connection, group }');
  }
  const { connection } = options;
  if (typeof connection !== 'string' && (typeof connection !== 'object' || connection === null)) {
    throw new InvalidOptionsError('connection', 'must be a redis:// URL or an ioredis client');
  }
  return {
    group: name('group', options.group),
    consumer: name('consumer', options.consumer, `${hostname()}:${process.pid}`),
    keyPrefix: name('keyPrefix', options.keyPrefix, DEFAULT_KEY_PREFIX),
    blockMs: positive('blockMs', options.blockMs, DEFAULT_BLOCK_MS, true),
    claimIdleMs: positive('claimIdleMs', options.claimIdleMs, DEFAULT_CLAIM_IDLE_MS, true),
    maxDeliveries: positive('maxDeliveries', options.maxDeliveries, DEFAULT_MAX_DELIVERIES, true),
    maxStreamLength: positive('maxStreamLength', options.maxStreamLength, DEFAULT_MAX_STREAM_LENGTH, true),
    prefetch: positive('prefetch', options.prefetch, DEFAULT_PREFETCH, true),
    typeRefreshMs: positive('typeRefreshMs', options.typeRefreshMs, DEFAULT_TYPE_REFRESH_MS, true),
    concurrency: positive('concurrency', options.concurrency, Infinity, true),
    logger: options.logger ?? consoleLogger,
  };
}
