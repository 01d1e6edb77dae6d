import { expect } from 'chai';
import { Redis } from 'ioredis';
import sinon from 'sinon';
import {
  BusClosedError,
  createEvent,
  InvalidEventError,
  InvalidOptionsError,
  InvalidSubscriptionError,
  runWithCorrelation,
  silentLogger,
  type BusInstrumentation,
  type Event,
} from '../../../src/core/index.js';
import { PolicyUpdatedEvent, type QuantumTraderEvents } from '../../../src/quantum-trader/index.js';
import { RedisStreamsEventBus, RedisTransportError } from '../../../src/redis/index.js';
import { startFixture } from '../support/child-bus-process.js';
import { trackBuses, uniquePrefix, useRedisServer, waitFor } from '../support/use-redis-server.js';

const aTrade = (symbol: string) =>
  createEvent('trade.executed', {
    orderId: `o-${symbol}`,
    symbol,
    side: 'BUY' as const,
    quantity: 1,
    price: 100,
  });

const aPolicy = () =>
  new PolicyUpdatedEvent({
    riskMode: 'DEFENSIVE',
    allowedStrategies: ['mean-reversion'],
    globalMinConfidence: 0.7,
    maxRiskPerTrade: 0.01,
    maxPositions: 3,
    version: 7,
  });

/** A bus whose connection points at a port nothing listens on, and fails at once instead of retrying. */
function anOfflineBus() {
  const unreachable = new Redis({
    port: 1,
    host: '127.0.0.1',
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  unreachable.on('error', () => undefined);
  const bus = new RedisStreamsEventBus({ connection: unreachable, group: 'offline', logger: silentLogger });
  return { bus, unreachable };
}

describe('RedisStreamsEventBus', () => {
  const server = useRedisServer();
  const createBus = trackBuses();
  let keyPrefix: string;

  beforeEach(() => {
    keyPrefix = uniquePrefix();
  });

  describe('constructor', () => {
    it('rejects options without a consumer group', () => {
      expect(() => new RedisStreamsEventBus({ connection: server().url, group: '' })).to.throw(
        InvalidOptionsError,
      );
    });

    it('does no I/O until the bus is used', async () => {
      const client = server().client();
      const before = Number(/connected_clients:(\d+)/.exec(await client.info('clients'))?.[1]);
      new RedisStreamsEventBus({ connection: server().url, group: 'idle' }).subscribe('a.b', () => undefined);
      const after = Number(/connected_clients:(\d+)/.exec(await client.info('clients'))?.[1]);
      expect(after).to.equal(before);
    });
  });

  describe('publish()', () => {
    it('delivers every event to each consumer group once', async () => {
      const risk = createBus<QuantumTraderEvents>({ connection: server().url, keyPrefix, group: 'risk' });
      const audit = createBus<QuantumTraderEvents>({ connection: server().url, keyPrefix, group: 'audit' });
      const seenByRisk: string[] = [];
      const seenByAudit: string[] = [];
      risk.subscribe('trade.executed', (e) => void seenByRisk.push(e.payload.symbol), { name: 'limits' });
      audit.subscribe('trade.executed', (e) => void seenByAudit.push(e.payload.symbol), { name: 'journal' });
      risk.start();
      audit.start();
      await Promise.all([risk.ready(), audit.ready()]);
      for (const symbol of ['BTC', 'ETH', 'SOL']) await risk.publish(aTrade(symbol));
      await Promise.all([risk.drain(), audit.drain()]);
      expect(seenByRisk).to.deep.equal(['BTC', 'ETH', 'SOL']);
      expect(seenByAudit).to.deep.equal(['BTC', 'ETH', 'SOL']);
    });

    it('splits the events of one group between its consumers, losing none', async () => {
      const options = { connection: server().url, keyPrefix, group: 'executor', prefetch: 5 };
      const first = createBus({ ...options, consumer: 'first' });
      const second = createBus({ ...options, consumer: 'second' });
      const byFirst: string[] = [];
      const bySecond: string[] = [];
      const slowly = (into: string[]) => async (e: Event) => {
        await new Promise((resolve) => setTimeout(resolve, 2));
        into.push(e.id);
      };
      first.subscribe('work.requested', slowly(byFirst), { name: 'work' });
      second.subscribe('work.requested', slowly(bySecond), { name: 'work' });
      first.start();
      second.start();
      await Promise.all([first.ready(), second.ready()]);
      const published = await Promise.all(
        Array.from({ length: 60 }, async (_, index) => {
          const event = createEvent('work.requested', { index });
          await first.publish(event);
          return event.id;
        }),
      );
      await first.drain();
      expect([...byFirst, ...bySecond].sort()).to.deep.equal([...published].sort());
      expect(byFirst.length).to.be.greaterThan(0);
      expect(bySecond.length).to.be.greaterThan(0);
    });

    it('keeps id, timestamp, correlation ids, headers and Dates in the payload', async () => {
      const bus = createBus({ connection: server().url, keyPrefix, group: 'codec' });
      const received: Event[] = [];
      bus.subscribe('report.generated', (e) => void received.push(e), { name: 'archive' });
      bus.start();
      await bus.ready();
      const sent = createEvent(
        'report.generated',
        { period: { from: new Date('2026-11-01T00:00:00Z') }, rows: [1, 2] },
        { correlationId: 'flow-1', causationId: 'cause-1', headers: { tenant: 'acme' } },
      );
      await bus.publish(sent);
      await bus.drain();
      expect(received).to.have.lengthOf(1);
      expect(received[0]).to.deep.equal(sent);
      expect((received[0]?.payload as { period: { from: Date } }).period.from).to.be.instanceOf(Date);
      expect(Object.isFrozen(received[0]?.payload)).to.equal(true);
    });

    it('gives a handler an instance of the event class it subscribed with', async () => {
      const bus = createBus<QuantumTraderEvents>({ connection: server().url, keyPrefix, group: 'msc' });
      const received: unknown[] = [];
      bus.subscribe(PolicyUpdatedEvent, (e) => void received.push(e), { name: 'apply-policy' });
      bus.start();
      await bus.ready();
      await bus.publish(aPolicy());
      await bus.drain();
      expect(received[0]).to.be.instanceOf(PolicyUpdatedEvent);
    });

    it('rejects a payload that JSON cannot carry, naming the field', async () => {
      const bus = createBus({ connection: server().url, keyPrefix, group: 'codec' });
      const error = await bus
        .publish(createEvent('a.b', { positions: new Map() }))
        .catch((caught: unknown) => caught);
      expect(error).to.be.instanceOf(InvalidEventError);
      expect((error as Error).message).to.contain('payload.positions');
    });

    it('rejects with BusClosedError once stop() has been called', async () => {
      const bus = createBus({ connection: server().url, keyPrefix, group: 'closed' });
      await bus.stop();
      const error = await bus.publish(aTrade('BTC')).catch((caught: unknown) => caught);
      expect(error).to.be.instanceOf(BusClosedError);
    });

    it('rejects with RedisTransportError when Redis is unreachable', async () => {
      const { bus, unreachable } = anOfflineBus();
      const error = await bus.publish(aTrade('BTC')).catch((caught: unknown) => caught);
      expect(error).to.be.instanceOf(RedisTransportError);
      expect((error as RedisTransportError).code).to.equal('EBUS_TRANSPORT');
      unreachable.disconnect();
    });
  });

  describe('subscribe()', () => {
    it('delivers to a wildcard subscription the types first published after it started', async () => {
      const bus = createBus({ connection: server().url, keyPrefix, group: 'monitor' });
      const types: string[] = [];
      bus.subscribe('health.*', (e) => void types.push(e.type), { name: 'watch-health' });
      bus.start();
      await bus.ready();
      await bus.publish(createEvent('health.status_changed', { status: 'CRITICAL' }));
      await bus.publish(createEvent('health.heartbeat_missed', { component: 'exchange' }));
      await bus.publish(createEvent('trade.executed', { symbol: 'BTC' }));
      await bus.drain();
      expect(types.sort()).to.deep.equal(['health.heartbeat_missed', 'health.status_changed']);
    });

    it('delivers, after a restart, what was published while every process of the service was down, new types included', async () => {
      const options = { connection: server().url, keyPrefix, group: 'monitor' };
      const first = createBus(options);
      first.subscribe('health.*', () => undefined, { name: 'watch-health' });
      first.start();
      await first.ready();
      await first.stop();
      const publisher = createBus({ ...options, group: 'publisher' });
      await publisher.publish(createEvent('health.status_changed', { status: 'DEGRADED' }));
      await publisher.publish(createEvent('health.disk_filling', { freePercent: 4 }));
      const restarted = createBus(options);
      const types: string[] = [];
      restarted.subscribe('health.*', (e) => void types.push(e.type), { name: 'watch-health' });
      restarted.start();
      await restarted.drain();
      expect(types.sort()).to.deep.equal(['health.disk_filling', 'health.status_changed']);
    });

    it('throws InvalidSubscriptionError for a name and selector the bus already uses', () => {
      const bus = createBus({ connection: server().url, keyPrefix, group: 'dup' });
      bus.subscribe('a.b', () => undefined, { name: 'same' });
      expect(() => bus.subscribe('a.b', () => undefined, { name: 'same' })).to.throw(
        InvalidSubscriptionError,
        /distinct name/,
      );
    });

    it('gives one name used with two selectors (stacked @OnEvent) a consumer group each', async () => {
      const bus = createBus({ connection: server().url, keyPrefix, group: 'store' });
      const seen: string[] = [];
      const onChange = (event: Event): void => void seen.push(event.type);
      const first = bus.subscribe('policy.updated', onChange, { name: 'PolicyStore.onChange' });
      const second = bus.subscribe('model.promoted', onChange, { name: 'PolicyStore.onChange' });
      bus.start();
      await bus.ready();
      await bus.publish(createEvent('policy.updated', {}));
      await bus.publish(createEvent('model.promoted', {}));
      await bus.drain();
      expect(seen.sort()).to.deep.equal(['model.promoted', 'policy.updated']);
      expect([first.id, second.id]).to.deep.equal([
        'store:PolicyStore.onChange:policy.updated',
        'store:PolicyStore.onChange:model.promoted',
      ]);
    });

    it('runs handlers in the causation scope, so events they publish inherit the ids', async () => {
      const bus = createBus({ connection: server().url, keyPrefix, group: 'chain' });
      const children: Event[] = [];
      bus.subscribe(
        'health.status_changed',
        () => bus.publish(createEvent('policy.updated', { riskMode: 'DEFENSIVE' })),
        {
          name: 'react',
        },
      );
      bus.subscribe('policy.updated', (e) => void children.push(e), { name: 'record' });
      bus.start();
      await bus.ready();
      const parent = createEvent('health.status_changed', { status: 'CRITICAL' });
      await runWithCorrelation('incident-9', () => bus.publish(parent));
      await bus.drain();
      expect(children[0]?.causationId).to.equal(parent.id);
      expect(children[0]?.correlationId).to.equal('incident-9');
    });

    it('carries causation and headers across two processes', async function () {
      this.timeout(15_000);
      const relay = startFixture('relay', { url: server().url, prefix: keyPrefix });
      try {
        const bus = createBus({ connection: server().url, keyPrefix, group: 'auditor' });
        const children: Event[] = [];
        bus.subscribe('policy.updated', (e) => void children.push(e), { name: 'audit-policy' });
        bus.start();
        await Promise.all([bus.ready(), relay.ready()]);
        const correlated = createEvent(
          'health.status_changed',
          { status: 'CRITICAL' },
          { correlationId: 'incident-1', headers: { tenant: 'acme' } },
        );
        const uncorrelated = createEvent(
          'health.status_changed',
          { status: 'DEGRADED' },
          { headers: { tenant: 'globex' } },
        );
        await bus.publish(correlated);
        await bus.publish(uncorrelated);
        await waitFor(
          'two policy.updated events from the relay process',
          () => children.length === 2,
          10_000,
        );
        const byParent = new Map(children.map((child) => [child.causationId, child]));
        expect(byParent.get(correlated.id)?.correlationId).to.equal('incident-1');
        expect(byParent.get(correlated.id)?.headers).to.deep.equal({ 'parent-tenant': 'acme' });
        expect(byParent.get(uncorrelated.id)?.correlationId).to.equal(uncorrelated.id);
        expect(byParent.get(uncorrelated.id)?.headers).to.deep.equal({ 'parent-tenant': 'globex' });
      } finally {
        await relay.kill('SIGTERM');
      }
    });
  });

  describe('publishAndWait()', () => {
    it('resolves with the outcome of each local subscription', async () => {
      const bus = createBus({ connection: server().url, keyPrefix, group: 'settlement' });
      bus.subscribe('trade.executed', () => undefined, { name: 'book' });
      bus.subscribe(
        'trade.executed',
        () => {
          throw new Error('ledger offline');
        },
        { name: 'ledger', retry: { attempts: 2, initialDelayMs: 1 } },
      );
      bus.start();
      await bus.ready();
      const result = await bus.publishAndWait(aTrade('BTC'), { timeoutMs: 5_000 });
      const byName = new Map(result.outcomes.map((outcome) => [outcome.subscription, outcome]));
      expect(byName.get('book')).to.include({ status: 'succeeded', attempts: 1 });
      expect(byName.get('ledger')).to.include({ status: 'dead-lettered', attempts: 2 });
      const failed = byName.get('ledger');
      expect(failed?.status === 'dead-lettered' && (failed.error as Error).message).to.equal(
        'ledger offline',
      );
    });

    it('reports timed-out for a subscription that has not finished in time', async () => {
      const bus = createBus({ connection: server().url, keyPrefix, group: 'slow' });
      bus.subscribe('trade.executed', () => new Promise((resolve) => setTimeout(resolve, 1_000)), {
        name: 'slow',
      });
      bus.start();
      await bus.ready();
      const result = await bus.publishAndWait(aTrade('BTC'), { timeoutMs: 50 });
      expect(result.outcomes).to.deep.equal([
        { status: 'timed-out', subscription: 'slow', subscriptionId: 'slow:slow:trade.executed' },
      ]);
    });

    it('waits for the outcome reported by another process of the same service', async () => {
      const publisher = createBus({ connection: server().url, keyPrefix, group: 'billing', consumer: 'api' });
      const worker = createBus({ connection: server().url, keyPrefix, group: 'billing', consumer: 'worker' });
      publisher.subscribe('invoice.requested', () => undefined, { name: 'issue-invoice' });
      worker.subscribe('invoice.requested', () => undefined, { name: 'issue-invoice' });
      worker.start();
      await worker.ready();
      const result = await publisher.publishAndWait(createEvent('invoice.requested', { amount: 10 }), {
        timeoutMs: 5_000,
      });
      expect(result.outcomes).to.deep.equal([
        {
          status: 'succeeded',
          attempts: 1,
          subscription: 'issue-invoice',
          subscriptionId: 'billing:issue-invoice:invoice.requested',
        },
      ]);
    });
  });

  describe('instrument()', () => {
    it('carries headers added by beforePublish to the consuming bus, where aroundDelivery sees them', async () => {
      const publisher = createBus({ connection: server().url, keyPrefix, group: 'gateway' });
      const consumer = createBus({ connection: server().url, keyPrefix, group: 'strategy' });
      const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
      publisher.instrument({
        beforePublish: (event) => ({ ...event, headers: { ...event.headers, traceparent } }),
      });
      const seen: { header: string | undefined; attempt: number }[] = [];
      const hooks: BusInstrumentation = {
        aroundDelivery: (delivery, invoke) => {
          seen.push({ header: delivery.event.headers?.['traceparent'], attempt: delivery.attempt });
          return invoke();
        },
      };
      consumer.instrument(hooks);
      consumer.subscribe('opportunities.updated', () => undefined, { name: 'rank' });
      consumer.start();
      await consumer.ready();
      await publisher.publish(createEvent('opportunities.updated', { rankings: [] }));
      await consumer.drain();
      expect(seen).to.deep.equal([{ header: traceparent, attempt: 1 }]);
    });

    it('runs the published hook before the deliveries of the event in this process, as in memory', async () => {
      const bus = createBus({ connection: server().url, keyPrefix, group: 'timeline' });
      const order: string[] = [];
      bus.instrument({
        published: (event) => void order.push(`published ${event.type}`),
        aroundDelivery: (delivery, invoke) => {
          order.push(`delivered ${delivery.event.type}`);
          return invoke();
        },
      });
      const types = Array.from({ length: 10 }, (_, index) => `step.done_${index}`);
      for (const type of types) bus.subscribe(type, () => undefined, { name: 'record' });
      bus.start();
      await bus.ready();
      for (const type of types) {
        await bus.publish(createEvent(type, {}));
        await bus.drain();
      }
      expect(order).to.deep.equal(types.flatMap((type) => [`published ${type}`, `delivered ${type}`]));
    });
  });

  describe('stop()', () => {
    it('lets running handlers finish and acknowledges their entries', async () => {
      const bus = createBus({ connection: server().url, keyPrefix, group: 'graceful' });
      let finished = 0;
      let started = 0;
      bus.subscribe(
        'work.requested',
        async () => {
          started += 1;
          await new Promise((resolve) => setTimeout(resolve, 100));
          finished += 1;
        },
        { name: 'work', concurrency: 5 },
      );
      bus.start();
      await bus.ready();
      for (let index = 0; index < 5; index += 1) await bus.publish(createEvent('work.requested', { index }));
      await waitFor('the handlers to start', () => started === 5);
      const report = await bus.stop();
      expect(finished).to.equal(5);
      expect(report).to.deep.include({ published: 5, delivered: 5, undelivered: [], timedOut: false });
      const pending = (await server()
        .client()
        .call('XPENDING', `${keyPrefix}:events:work.requested`, 'graceful:work:work.requested')) as [number];
      expect(pending[0]).to.equal(0);
    });

    it('lists an event whose handler outlived the timeout once, with its subscription', async () => {
      const bus = createBus({ connection: server().url, keyPrefix, group: 'slow' });
      let release: () => void = () => undefined;
      let started = false;
      bus.subscribe(
        'work.requested',
        () =>
          new Promise<void>((resolve) => {
            started = true;
            release = resolve;
          }),
        { name: 'slow' },
      );
      bus.start();
      const event = createEvent('work.requested', {});
      await bus.publish(event);
      await waitFor('the handler to start', () => started);
      const report = await bus.stop({ timeoutMs: 50 });
      release();
      expect(report).to.deep.equal({
        published: 1,
        delivered: 0,
        undelivered: [{ event, subscriptions: ['slow'] }],
        timedOut: true,
      });
    });

    it('counts an event no subscription of this bus matches as delivered, so published = delivered + undelivered', async () => {
      const bus = createBus({ connection: server().url, keyPrefix, group: 'policy' });
      bus.subscribe('health.status_changed', () => undefined, { name: 'react' });
      bus.start();
      await bus.publish(createEvent('health.status_changed', { status: 'CRITICAL' }));
      await bus.publish(aPolicy());
      await bus.drain();
      expect(await bus.stop()).to.deep.equal({
        published: 2,
        delivered: 2,
        undelivered: [],
        timedOut: false,
      });
    });

    it('counts an event another process of the service handled as delivered', async () => {
      const options = { connection: server().url, keyPrefix, group: 'billing' };
      const api = createBus({ ...options, consumer: 'api' });
      const worker = createBus({ ...options, consumer: 'worker' });
      const handled: string[] = [];
      api.subscribe('invoice.requested', () => undefined, { name: 'issue-invoice' });
      worker.subscribe('invoice.requested', (e) => void handled.push(e.id), { name: 'issue-invoice' });
      await api.publish(createEvent('invoice.requested', { amount: 10 }));
      await api.publish(createEvent('invoice.requested', { amount: 20 }));
      worker.start();
      await worker.drain();
      expect(handled).to.have.lengthOf(2);
      expect(await api.stop()).to.deep.equal({
        published: 2,
        delivered: 2,
        undelivered: [],
        timedOut: false,
      });
    });
  });

  describe('issue #7: events published before the subscriptions were set up in Redis', () => {
    it('delivers an event published after subscribe() and before start()', async () => {
      const bus = createBus({ connection: server().url, keyPrefix, group: 'early' });
      const seen: string[] = [];
      bus.subscribe('a.b', (e) => void seen.push(e.id), { name: 'record' });
      const event = createEvent('a.b', {});
      await bus.publish(event);
      bus.start();
      await bus.drain();
      expect(seen).to.deep.equal([event.id]);
    });

    it('delivers an event published right after start(), without waiting for ready()', async () => {
      const bus = createBus({ connection: server().url, keyPrefix, group: 'early' });
      const seen: string[] = [];
      bus.subscribe('a.b', (e) => void seen.push(e.id), { name: 'record' });
      bus.start();
      const event = createEvent('a.b', {});
      await bus.publish(event);
      await bus.drain();
      expect(seen).to.deep.equal([event.id]);
    });

    it('delivers to a wildcard subscription a new type published before start()', async () => {
      const bus = createBus({ connection: server().url, keyPrefix, group: 'early' });
      const seen: string[] = [];
      bus.subscribe('health.*', (e) => void seen.push(e.type), { name: 'watch-health' });
      await bus.publish(createEvent('health.status_changed', { status: 'CRITICAL' }));
      bus.start();
      await bus.drain();
      expect(seen).to.deep.equal(['health.status_changed']);
    });

    it('delivers an event another process published after ready(), before start()', async () => {
      const options = { connection: server().url, keyPrefix, group: 'early' };
      const bus = createBus(options);
      const seen: string[] = [];
      bus.subscribe('a.b', (e) => void seen.push(e.id), { name: 'record' });
      await bus.ready();
      const event = createEvent('a.b', {});
      await createBus({ ...options, group: 'publisher' }).publish(event);
      bus.start();
      await bus.drain();
      expect(seen).to.deep.equal([event.id]);
    });

    it('resolves drain() after the handlers ran, including for the events they published', async () => {
      const bus = createBus({ connection: server().url, keyPrefix, group: 'chain' });
      const seen: string[] = [];
      // The reaction's subscription comes first, so drain() checks it before the handler publishes.
      bus.subscribe('c.d', (e) => void seen.push(e.type), { name: 'react' });
      bus.subscribe(
        'a.b',
        async (e) => {
          await new Promise((resolve) => setTimeout(resolve, 50));
          seen.push(e.type);
          await bus.publish(createEvent('c.d', {}));
        },
        { name: 'cause' },
      );
      bus.start();
      await bus.publish(createEvent('a.b', {}));
      await bus.drain();
      expect(seen).to.deep.equal(['a.b', 'c.d']);
    });

    it('reports an event stopped before it was read as undelivered and logs it; the service gets it on restart', async () => {
      const options = { connection: server().url, keyPrefix, group: 'early' };
      const logger = { error: sinon.spy(), warn: sinon.spy(), info: sinon.spy(), debug: sinon.spy() };
      const bus = createBus({ ...options, logger });
      bus.subscribe('a.b', () => undefined, { name: 'record' });
      const event = createEvent('a.b', {});
      await bus.publish(event);
      const report = await bus.stop();
      expect(report).to.deep.equal({
        published: 1,
        delivered: 0,
        undelivered: [{ event, subscriptions: ['record'] }],
        timedOut: false,
      });
      sinon.assert.calledWithMatch(logger.warn, { undelivered: 1 }, sinon.match(/stay in Redis/));
      const restarted = createBus(options);
      const seen: string[] = [];
      restarted.subscribe('a.b', (e) => void seen.push(e.id), { name: 'record' });
      restarted.start();
      await restarted.drain();
      expect(seen).to.deep.equal([event.id]);
    });

    it('rejects publish() with RedisTransportError when the subscriptions cannot be registered, and counts nothing', async () => {
      const { bus, unreachable } = anOfflineBus();
      bus.subscribe('a.b', () => undefined, { name: 'record' });
      const error = await bus.publish(createEvent('a.b', {})).catch((caught: unknown) => caught);
      expect(error).to.be.instanceOf(RedisTransportError);
      expect((error as Error).message).to.contain('register the subscriptions');
      expect(await bus.stop()).to.deep.include({ published: 0, delivered: 0, undelivered: [] });
      unreachable.disconnect();
    });
  });

  describe('stats()', () => {
    it('counts published, delivered and failed deliveries per subscription', async () => {
      const bus = createBus({ connection: server().url, keyPrefix, group: 'stats' });
      bus.subscribe('a.b', () => undefined, { name: 'ok' });
      bus.subscribe(
        'a.b',
        () => {
          throw new Error('no');
        },
        { name: 'bad' },
      );
      bus.start();
      await bus.ready();
      await bus.publish(createEvent('a.b', {}));
      await bus.drain();
      const stats = bus.stats();
      expect(stats).to.deep.include({
        state: 'running',
        published: 1,
        delivered: 1,
        failed: 1,
        deadLettered: 1,
      });
      expect(
        stats.subscriptions.map((subscription) => [subscription.name, subscription.delivered]),
      ).to.deep.equal([
        ['ok', 1],
        ['bad', 0],
      ]);
    });
  });
});
