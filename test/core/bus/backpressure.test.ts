import { expect } from 'chai';
import {
  InMemoryEventBus,
  InvalidOptionsError,
  QueueFullError,
  silentLogger,
} from '../../../src/core/index.js';
import { anOrderFilled, anOrderPlaced, rejectionOf, type TestEvents } from '../test-events.js';

describe('InMemoryEventBus', () => {
  describe('maxQueueSize', () => {
    it("rejects with QueueFullError under overflow 'error' and keeps what it accepted", async () => {
      const bus = new InMemoryEventBus<TestEvents>({
        logger: silentLogger,
        maxQueueSize: 2,
        overflow: 'error',
      });
      const handled: string[] = [];
      bus.subscribe('order.placed', (event) => {
        handled.push(event.payload.orderId);
      });
      const first = anOrderPlaced();
      const second = anOrderPlaced();
      await bus.publish(first);
      await bus.publish(second);
      const error = await rejectionOf(bus.publish(anOrderPlaced()));
      expect(error).to.be.instanceOf(QueueFullError).with.property('maxQueueSize', 2);
      bus.start();
      await bus.drain();
      expect(handled).to.deep.equal([first.payload.orderId, second.payload.orderId]);
      await bus.stop();
    });

    it("makes publish wait for room under overflow 'wait', first come first served, never above the limit", async () => {
      const bus = new InMemoryEventBus<TestEvents>({ logger: silentLogger, maxQueueSize: 3 });
      const handled: number[] = [];
      let peak = 0;
      bus.subscribe('order.filled', async (event) => {
        peak = Math.max(peak, bus.stats().queued);
        await new Promise((resolve) => setImmediate(resolve));
        handled.push(event.payload.price);
      });
      bus.start();
      const publishes = Array.from({ length: 20 }, (_, price) => bus.publish(anOrderFilled(price)));
      expect(bus.stats().queued).to.equal(3);
      await Promise.all(publishes);
      await bus.drain();
      expect(handled).to.deep.equal([...Array(20).keys()]);
      expect(peak).to.be.at.most(3);
      await bus.stop();
    });

    it('rejects a publish from inside a handler instead of waiting, so the dispatcher cannot deadlock', async () => {
      const bus = new InMemoryEventBus<TestEvents>({ logger: silentLogger, maxQueueSize: 1 });
      const errors: unknown[] = [];
      bus.subscribe('order.placed', async () => {
        errors.push(await rejectionOf(bus.publish(anOrderFilled())));
      });
      bus.start();
      await bus.publish(anOrderPlaced());
      await bus.drain();
      expect(errors[0]).to.be.instanceOf(QueueFullError);
      await bus.stop();
    });

    it('rejects waiting publishers with BusClosedError when the bus stops', async () => {
      const bus = new InMemoryEventBus<TestEvents>({ logger: silentLogger, maxQueueSize: 1 });
      await bus.publish(anOrderPlaced());
      const waiting = bus.publish(anOrderPlaced());
      const report = await bus.stop();
      expect(await rejectionOf(waiting)).to.have.property('code', 'EBUS_BUS_CLOSED');
      expect(report.published).to.equal(1);
    });

    it('refuses a limit that is not a positive number', () => {
      expect(() => new InMemoryEventBus({ maxQueueSize: 0 })).to.throw(InvalidOptionsError, /maxQueueSize/);
      expect(() => new InMemoryEventBus({ overflow: 'drop' as never })).to.throw(
        InvalidOptionsError,
        /overflow/,
      );
    });
  });

  describe('concurrency', () => {
    it('caps handlers running at once across subscriptions without stalling any of them', async () => {
      const bus = new InMemoryEventBus<TestEvents>({ logger: silentLogger, concurrency: 2 });
      let running = 0;
      let peak = 0;
      const handled: string[] = [];
      const slow = (name: string) => async () => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setImmediate(resolve));
        running -= 1;
        handled.push(name);
      };
      bus.subscribe('order.placed', slow('a'));
      bus.subscribe('order.placed', slow('b'));
      bus.subscribe('order.placed', slow('c'));
      bus.start();
      for (let index = 0; index < 4; index += 1) await bus.publish(anOrderPlaced());
      await bus.drain();
      expect(peak).to.equal(2);
      expect(handled.filter((name) => name === 'c')).to.have.lengthOf(4);
      expect(handled).to.have.lengthOf(12);
      await bus.stop();
    });
  });
});
