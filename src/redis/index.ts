// Public API of `@quantum-trader/eventbus/redis`: the EventBus over Redis Streams (ioredis, a peer dependency).
export { RedisStreamsEventBus } from './bus/redis-streams-event-bus.js';
export type { RedisStreamsEventBusOptions } from './bus/redis-streams-event-bus-options.js';
export {
  DEFAULT_BLOCK_MS,
  DEFAULT_CLAIM_IDLE_MS,
  DEFAULT_KEY_PREFIX,
  DEFAULT_MAX_DELIVERIES,
  DEFAULT_MAX_STREAM_LENGTH,
  DEFAULT_PREFETCH,
  DEFAULT_TYPE_REFRESH_MS,
} from './bus/redis-streams-event-bus-options.js';
export type { MalformedEntry } from './bus/malformed-entry.js';
export { EVENT_SCHEMA_VERSION } from './codec/event-codec.js';
export { MalformedMessageError } from './errors/malformed-message-error.js';
export { RedisTransportError } from './errors/redis-transport-error.js';
export { DeliveryLimitError } from './errors/delivery-limit-error.js';
