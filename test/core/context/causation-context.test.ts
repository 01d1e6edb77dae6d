import { expect } from 'chai';
import {
  createEvent,
  type Event,
  InMemoryEventBus,
  runWithCorrelation,
  silentLogger,
} from '../../../src/core/index.js';
import { anOrderPlaced, type TestEvents } from '../test-events.js';

describe('causation and correlation', () => {
  it('gives events published by a handler the handled event as cause and its correlation id, after awaits', async () => {
    const bus = new InMemoryEventBus<TestEvents>({ logger: silentLogger });
    const fills: Event[] = [];
    const health: Event[] = [];
    bus.subscribe('order.placed', async (event) => {
      await new Promise((resolve) => setImmediate(resolve));
      await Promise.resolve();
      await bus.publish(createEvent('order.filled', { orderId: event.payload.orderId, price: 1 }));
    });
    bus.subscribe('order.filled', (event) => {
      fills.push(event);
      const outsideBuilt = {
        id: 'h-1',
        type: 'health.status_changed' as const,
        timestamp: new Date(),
        payload: { status: 'HEALTHY' as const },
      };
      return bus.publish(outsideBuilt);
    });
    bus.subscribe('health.status_changed', (event) => {
      health.push(event);
    });
    bus.start();
    const root = anOrderPlaced();
    await bus.publish(root);
    await bus.drain();
    expect(fills[0]).to.include({ causationId: root.id, correlationId: root.id });
    expect(health[0]).to.include({ id: 'h-1', causationId: fills[0]!.id, correlationId: root.id });
    await bus.stop();
  });

  it('keeps ids the publisher set', async () => {
    const bus = new InMemoryEventBus<TestEvents>({ logger: silentLogger });
    const fills: Event[] = [];
    bus.subscribe('order.placed', () =>
      bus.publish(createEvent('order.filled', { orderId: 'x', price: 1 }, { correlationId: 'own' })),
    );
    bus.subscribe('order.filled', (event) => {
      fills.push(event);
    });
    bus.start();
    const root = anOrderPlaced();
    await bus.publish(root);
    await bus.drain();
    expect(fills[0]).to.include({ correlationId: 'own', causationId: root.id });
    await bus.stop();
  });

  it('carries the correlation id through retries', async () => {
    const bus = new InMemoryEventBus<TestEvents>({ logger: silentLogger });
    const fills: Event[] = [];
    let attempt = 0;
    bus.subscribe(
      'order.placed',
      async () => {
        attempt += 1;
        if (attempt === 1) throw new Error('transient');
        await bus.publish(createEvent('order.filled', { orderId: 'x', price: 1 }));
      },
      { retry: { attempts: 2, initialDelayMs: 1 } },
    );
    bus.subscribe('order.filled', (event) => {
      fills.push(event);
    });
    bus.start();
    const root = createEvent('order.placed', { orderId: 'o', symbol: 'S' }, { correlationId: 'flow-9' });
    await bus.publish(root);
    await bus.drain();
    expect(fills[0]).to.include({ causationId: root.id, correlationId: 'flow-9' });
    await bus.stop();
  });

  describe('runWithCorrelation()', () => {
    it('starts a correlated flow from outside any handler', async () => {
      const bus = new InMemoryEventBus<TestEvents>({ logger: silentLogger });
      const seen: Event[] = [];
      bus.subscribe('order.placed', (event) => {
        seen.push(event);
      });
      bus.start();
      await runWithCorrelation('http-request-42', async () => {
        await Promise.resolve();
        await bus.publish(anOrderPlaced());
      });
      await bus.publish(anOrderPlaced());
      await bus.drain();
      expect(seen[0]!.correlationId).to.equal('http-request-42');
      expect(seen[0]!.causationId).to.equal(undefined);
      expect(seen[1]!.correlationId).to.equal(undefined);
      await bus.stop();
    });
  });
});

describe('trackCausation: false', () => {
  it('still gives causation ids to what a handler publishes before its first await, and none after', async () => {
    const bus = new InMemoryEventBus<TestEvents>({ logger: silentLogger, trackCausation: false });
    const fills: Event[] = [];
    bus.subscribe('order.placed', async () => {
      await bus.publish(createEvent('order.filled', { orderId: 'before-await', price: 1 }));
      await Promise.resolve();
      await bus.publish(createEvent('order.filled', { orderId: 'after-await', price: 2 }));
    });
    bus.subscribe('order.filled', (event) => {
      fills.push(event);
    });
    bus.start();
    const root = anOrderPlaced();
    await bus.publish(root);
    await bus.drain();
    expect(fills.map((event) => [event.payload, event.causationId])).to.deep.equal([
      [{ orderId: 'before-await', price: 1 }, root.id],
      [{ orderId: 'after-await', price: 2 }, undefined],
    ]);
    await bus.stop();
  });
});
