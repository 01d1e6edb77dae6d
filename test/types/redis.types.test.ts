// Compile-time checks of the Redis transport's typing, type-checked by `npm test` (tsc). Each misuse
// sits under an expect-error directive, so this file stops compiling if a misuse starts being accepted.
// The checks sit in a function that never runs: nothing here connects to Redis.
import { expect } from 'chai';
import type { Redis } from 'ioredis';
import { createEvent, type EventBus } from '../../src/core/index.js';
import {
  PolicyUpdatedEvent,
  type QuantumTraderEvents,
  type RiskMode,
} from '../../src/quantum-trader/index.js';
import { RedisStreamsEventBus, type RedisStreamsEventBusOptions } from '../../src/redis/index.js';

export function redisTypeChecks(client: Redis): unknown[] {
  // The Redis bus is an EventBus of the same map: a container can bind it where the in-memory bus was.
  const redisBus = new RedisStreamsEventBus<QuantumTraderEvents>({
    connection: 'redis://127.0.0.1:6379',
    group: 'msc',
  });
  const bus: EventBus<QuantumTraderEvents> = redisBus;

  bus.subscribe('policy.updated', (event) => {
    const mode: RiskMode = event.payload.riskMode;
    return mode;
  });
  // @ts-expect-error a misspelt type is rejected
  redisBus.subscribe('policy.updatd', () => undefined);
  // @ts-expect-error a handler for another event is rejected
  redisBus.subscribe('health.status_changed', (event: PolicyUpdatedEvent) => event.payload.riskMode);
  redisBus.subscribe(PolicyUpdatedEvent, (event) => event.payload.version);
  // @ts-expect-error an event outside the map cannot be published
  void redisBus.publish(createEvent('policy.updatd', {}));

  // Both a URL and an ioredis client are connections; the group is required.
  const withClient: RedisStreamsEventBusOptions = { connection: client, group: 'risk' };
  // @ts-expect-error the consumer group of the service is required
  const withoutGroup: RedisStreamsEventBusOptions = { connection: 'redis://127.0.0.1:6379' };
  // @ts-expect-error a connection is a URL or a client
  const withPort: RedisStreamsEventBusOptions = { connection: 6379, group: 'risk' };
  return [withClient, withoutGroup, withPort];
}

describe('redis typing', () => {
  it('is checked at compile time by tsc (this file compiles only if every misuse is rejected)', () => {
    expect(redisTypeChecks).to.be.a('function');
  });
});
