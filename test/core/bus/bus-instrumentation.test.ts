import { expect } from 'chai';
import sinon from 'sinon';
import {
  type BusInstrumentation,
  type DeliveryInfo,
  InMemoryEventBus,
  type Logger,
  silentLogger,
} from '../../../src/core/index.js';
import { anOrderPlaced, type TestEvents } from '../test-events.js';

function aBus(options: ConstructorParameters<typeof InMemoryEventBus<TestEvents>>[0] = {}) {
  return new InMemoryEventBus<TestEvents>({ logger: silentLogger, ...options });
}

async function publishOrders(bus: InMemoryEventBus<TestEvents>, count: number): Promise<void> {
  for (let index = 0; index < count; index++) await bus.publish(anOrderPlaced());
  await bus.drain();
}

/** Successes seen by an instrumentation: which subscription, and whether a duration came with it. */
function successRecorder(sampleEvery?: number) {
  const seen: { subscription: string; timed: boolean }[] = [];
  const instrumentation: BusInstrumentation = {
    ...(sampleEvery === undefined ? {} : { sampleEvery }),
    deliverySucceeded: (delivery: DeliveryInfo, durationMs: number) =>
      seen.push({ subscription: delivery.subscription, timed: durationMs >= 0 }),
  };
  return { instrumentation, seen };
}

describe('BusInstrumentation', () => {
  describe('deliverySucceeded', () => {
    it('sees every delivery, with its duration, when the instrumentation does not sample', async () => {
      const bus = aBus();
      const { instrumentation, seen } = successRecorder();
      using _hooks = bus.instrument(instrumentation);
      bus.subscribe('order.placed', () => undefined, { name: 'Ledger.onPlaced' });
      bus.start();
      await publishOrders(bus, 5);
      expect(seen).to.have.length(5);
      expect(seen.every((success) => success.timed)).to.equal(true);
      await bus.stop();
    });

    it('with sampleEvery N, sees the first delivery of each subscription and then one in N', async () => {
      const bus = aBus();
      const { instrumentation, seen } = successRecorder(4);
      using _hooks = bus.instrument(instrumentation);
      bus.subscribe('order.placed', () => undefined, { name: 'Ledger.onPlaced' });
      bus.subscribe('order.placed', async () => undefined, { name: 'Risk.onPlaced' });
      bus.start();
      await publishOrders(bus, 10);
      // Deliveries 1, 5 and 9 of each subscription.
      const count = (name: string) => seen.filter((success) => success.subscription === name).length;
      expect(count('Ledger.onPlaced')).to.equal(3);
      expect(count('Risk.onPlaced')).to.equal(3);
      expect(seen.every((success) => success.timed)).to.equal(true);
      expect(bus.stats().delivered).to.equal(20);
      await bus.stop();
    });

    it('reads sampleEvery again after each timed delivery, so it can follow the load', async () => {
      const bus = aBus();
      const seen = sinon.spy();
      const instrumentation = { sampleEvery: 1, deliverySucceeded: seen };
      using _hooks = bus.instrument(instrumentation);
      bus.subscribe('order.placed', () => undefined);
      bus.start();
      await publishOrders(bus, 3);
      instrumentation.sampleEvery = 5;
      await publishOrders(bus, 10);
      // 1, 2 and 3 at one in one; 4 was already due, reads 5, so 9 is next (and 14 after the end).
      expect(seen.callCount).to.equal(5);
      await bus.stop();
    });

    it('times every delivery for an instrumentation that does not sample, beside one that does', async () => {
      const bus = aBus();
      const everything = successRecorder();
      const sample = successRecorder(3);
      using _all = bus.instrument(everything.instrumentation);
      using _sampled = bus.instrument(sample.instrumentation);
      bus.subscribe('order.placed', () => undefined);
      bus.start();
      await publishOrders(bus, 7);
      expect(everything.seen).to.have.length(7);
      expect(sample.seen).to.have.length(3);
      await bus.stop();
    });

    it('treats a sampleEvery that is not a whole number above 1 as every delivery', async () => {
      for (const sampleEvery of [0, -3, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) {
        const bus = aBus();
        const { instrumentation, seen } = successRecorder(sampleEvery);
        using _hooks = bus.instrument(instrumentation);
        bus.subscribe('order.placed', () => undefined);
        bus.start();
        await publishOrders(bus, 4);
        expect(seen, `sampleEvery ${sampleEvery}`).to.have.length(4);
        await bus.stop();
      }
    });
  });

  describe('deliveryFailed', () => {
    it('sees every failure of a sampling instrumentation, with NaN for attempts left untimed', async () => {
      const bus = aBus();
      const durations: number[] = [];
      using _hooks = bus.instrument({
        sampleEvery: 3,
        deliveryFailed: (_delivery, _error, durationMs) => durations.push(durationMs),
      });
      bus.subscribe('order.placed', () => {
        throw new Error('exchange offline');
      });
      bus.start();
      await publishOrders(bus, 4);
      expect(durations).to.have.length(4);
      expect(durations.map((duration) => Number.isNaN(duration))).to.deep.equal([false, true, true, false]);
      expect((await bus.listDeadLetters()).length).to.equal(4);
      await bus.stop();
    });

    it('reports a filter that throws as a failed attempt that took no time', async () => {
      const bus = aBus();
      const failed = sinon.spy();
      using _hooks = bus.instrument({ deliveryFailed: failed });
      bus.subscribe('order.placed', () => undefined, {
        name: 'Desk.onPlaced',
        filter: () => {
          throw new Error('bad filter');
        },
      });
      bus.start();
      await publishOrders(bus, 1);
      expect(failed.calledOnce).to.equal(true);
      const [delivery, error, durationMs, willRetry] = failed.firstCall.args as [
        DeliveryInfo,
        Error,
        number,
        boolean,
      ];
      expect(delivery.subscription).to.equal('Desk.onPlaced');
      expect(error.message).to.equal('bad filter');
      expect(durationMs).to.equal(0);
      expect(willRetry).to.equal(false);
      await bus.stop();
    });
  });

  describe('published', () => {
    it('logs a hook that throws and still delivers the event', async () => {
      const logger: Logger = { ...silentLogger, error: sinon.spy() };
      const bus = aBus({ logger });
      const handler = sinon.spy();
      using _hooks = bus.instrument({
        published: () => {
          throw new Error('hook broke');
        },
      });
      bus.subscribe('order.placed', handler);
      bus.start();
      await publishOrders(bus, 2);
      expect(handler.callCount).to.equal(2);
      expect((logger.error as sinon.SinonSpy).callCount).to.equal(2);
      await bus.stop();
    });

    it('with sampleEvery N, sees the first event and then one in N; one that does not sample sees all', async () => {
      const bus = aBus();
      const sampled = sinon.spy();
      const all = sinon.spy();
      using _sampling = bus.instrument({ sampleEvery: 4, published: sampled });
      using _everything = bus.instrument({ published: all });
      bus.subscribe('order.placed', () => undefined);
      bus.start();
      const events = Array.from({ length: 10 }, () => anOrderPlaced());
      for (const event of events) await bus.publish(event);
      await bus.drain();
      expect(sampled.args.map(([event]) => event)).to.deep.equal([events[0], events[4], events[8]]);
      expect(all.callCount).to.equal(10);
      await bus.stop();
    });
  });

  describe('resample()', () => {
    it('samples the next event and the next delivery of each subscription at once', async () => {
      const bus = aBus();
      const published = sinon.spy();
      const succeeded = sinon.spy();
      const installed = bus.instrument({ sampleEvery: 100, published, deliverySucceeded: succeeded });
      bus.subscribe('order.placed', () => undefined, { name: 'Ledger.onPlaced' });
      bus.subscribe('order.placed', async () => undefined, { name: 'Risk.onPlaced' });
      bus.start();
      await publishOrders(bus, 5);
      expect([published.callCount, succeeded.callCount]).to.deep.equal([1, 2]);

      installed.resample();
      await publishOrders(bus, 5);
      // Event 6 and its two deliveries, then nothing until one hundred later.
      expect([published.callCount, succeeded.callCount]).to.deep.equal([2, 4]);
      expect(
        succeeded.args.slice(2).map(([delivery]) => (delivery as DeliveryInfo).subscription),
      ).to.have.members(['Ledger.onPlaced', 'Risk.onPlaced']);
      installed[Symbol.dispose]();
      installed.resample();
      await publishOrders(bus, 1);
      expect(published.callCount).to.equal(2);
      await bus.stop();
    });

    it('happens too when another instrumentation is installed or removed', async () => {
      const bus = aBus();
      const published = sinon.spy();
      using _sampling = bus.instrument({ sampleEvery: 100, published });
      bus.subscribe('order.placed', () => undefined);
      bus.start();
      await publishOrders(bus, 3);
      const other = bus.instrument({ unhandled: () => undefined });
      await publishOrders(bus, 3);
      other[Symbol.dispose]();
      await publishOrders(bus, 3);
      expect(published.callCount).to.equal(3);
      await bus.stop();
    });
  });
});
