import { expect } from 'chai';
import sinon from 'sinon';
import {
  BusClosedError,
  createEvent,
  type Event,
  InMemoryEventBus,
  InvalidEventError,
  InvalidSubscriptionError,
  type Logger,
  silentLogger,
} from '../../../src/core/index.js';
import {
  anOrderFilled,
  anOrderPlaced,
  OrderPlacedEvent,
  rejectionOf,
  type TestEvents,
} from '../test-events.js';

function aBus(options: ConstructorParameters<typeof InMemoryEventBus<TestEvents>>[0] = {}) {
  return new InMemoryEventBus<TestEvents>({ logger: silentLogger, ...options });
}

describe('InMemoryEventBus', () => {
  describe('publish()', () => {
    it('never runs a handler inside publish() and resolves without waiting for handlers', async () => {
      const bus = aBus();
      const started = sinon.spy();
      let finish: () => void = () => undefined;
      bus.subscribe('order.placed', () => {
        started();
        return new Promise<void>((resolve) => (finish = resolve));
      });
      bus.start();
      const accepted = bus.publish(anOrderPlaced());
      expect(started.called).to.equal(false);
      await accepted;
      await bus.publish(anOrderPlaced());
      expect(bus.stats().published).to.equal(2);
      finish();
      await new Promise((resolve) => setImmediate(resolve));
      finish();
      await bus.drain();
      expect(started.callCount).to.equal(2);
      await bus.stop();
    });

    it('delivers to every handler of the type, sync and async alike, each once', async () => {
      const bus = aBus();
      const seen: string[] = [];
      bus.subscribe('order.placed', (event) => {
        seen.push(`sync:${event.payload.symbol}`);
      });
      bus.subscribe('order.placed', async (event) => {
        await Promise.resolve();
        seen.push(`async:${event.payload.symbol}`);
      });
      bus.start();
      await bus.publish(anOrderPlaced('ETH'));
      await bus.drain();
      expect(seen.sort()).to.deep.equal(['async:ETH', 'sync:ETH']);
      await bus.stop();
    });

    it('keeps events published before the loop starts and delivers them in order', async () => {
      const bus = aBus();
      const symbols: string[] = [];
      bus.subscribe('order.placed', (event) => {
        symbols.push(event.payload.symbol);
      });
      await bus.publish(anOrderPlaced('A'));
      await bus.publish(anOrderPlaced('B'));
      expect(symbols).to.deep.equal([]);
      bus.start();
      await bus.drain();
      expect(symbols).to.deep.equal(['A', 'B']);
      await bus.stop();
    });

    it('gives each subscription the events in publish order even when handlers take different times', async () => {
      const bus = aBus();
      const order: number[] = [];
      bus.subscribe('order.filled', async (event) => {
        await new Promise((resolve) => setImmediate(resolve, event.payload.price % 2 === 0 ? 0 : 1));
        order.push(event.payload.price);
      });
      bus.start();
      for (let price = 0; price < 20; price += 1) await bus.publish(anOrderFilled(price));
      await bus.drain();
      expect(order).to.deep.equal([...Array(20).keys()]);
      await bus.stop();
    });

    it('accepts class-based events and freezes plain ones it is given', async () => {
      const bus = aBus();
      const received: Event[] = [];
      bus.subscribe('order.placed', (event) => {
        received.push(event);
      });
      bus.start();
      const plain = {
        id: 'p-1',
        type: 'order.placed' as const,
        timestamp: new Date(),
        payload: { orderId: 'x', symbol: 'S' },
      };
      await bus.publish(plain);
      await bus.publish(new OrderPlacedEvent({ orderId: 'y', symbol: 'T' }));
      await bus.drain();
      expect(received.map((event) => event.payload)).to.deep.equal([
        { orderId: 'x', symbol: 'S' },
        { orderId: 'y', symbol: 'T' },
      ]);
      expect(Object.isFrozen(plain) && Object.isFrozen(plain.payload)).to.equal(true);
      await bus.stop();
    });

    it('rejects what is not an event with InvalidEventError and loses nothing already accepted', async () => {
      const bus = aBus();
      const handler = sinon.spy();
      bus.subscribe('order.placed', handler);
      await bus.publish(anOrderPlaced());
      const bad: unknown[] = [null, {}, 42, { id: 'x', type: '', timestamp: new Date(), payload: 1 }];
      bad.push({ id: 'x', type: 'order.*', timestamp: new Date(), payload: 1 });
      bad.push({ id: 'x', type: 'order.placed', timestamp: new Date(Number.NaN), payload: 1 });
      for (const value of bad) {
        expect(
          await rejectionOf(bus.publish(value as Event<'order.placed', TestEvents['order.placed']>)),
        ).to.be.instanceOf(InvalidEventError);
      }
      bus.start();
      await bus.drain();
      expect(handler.callCount).to.equal(1);
      expect(bus.stats().published).to.equal(1);
      await bus.stop();
    });

    it('rejects with BusClosedError after stop() and reports what was accepted before', async () => {
      const bus = aBus();
      await bus.publish(anOrderPlaced());
      const report = await bus.stop();
      expect(await rejectionOf(bus.publish(anOrderPlaced()))).to.be.instanceOf(BusClosedError);
      expect(report.undelivered).to.have.lengthOf(1);
    });
  });

  describe('subscribe()', () => {
    it('matches wildcard patterns and event classes', async () => {
      const bus = aBus();
      const oneSegment = sinon.spy();
      const anyDepth = sinon.spy();
      const byClass = sinon.spy();
      bus.subscribe('health.*', oneSegment);
      bus.subscribe('health.**', anyDepth);
      bus.subscribe(OrderPlacedEvent, byClass);
      bus.start();
      await bus.publish(createEvent('health.status_changed', { status: 'CRITICAL' as const }));
      await bus.publish(createEvent('health.cpu.high', { percent: 99 }));
      await bus.publish(anOrderPlaced());
      await bus.drain();
      expect(oneSegment.callCount).to.equal(1);
      expect(anyDepth.callCount).to.equal(2);
      expect(byClass.callCount).to.equal(1);
      await bus.stop();
    });

    it('throws InvalidSubscriptionError for a bad selector, a non-function handler or bad options', () => {
      const bus = aBus();
      expect(() => bus.subscribe('' as 'order.placed', () => undefined)).to.throw(
        InvalidSubscriptionError,
        /type is empty/,
      );
      expect(() => bus.subscribe('order.placed', 'handler' as never)).to.throw(
        InvalidSubscriptionError,
        /not a function/,
      );
      expect(() => bus.subscribe('order.placed', () => undefined, { concurrency: 0 })).to.throw(
        InvalidSubscriptionError,
        /concurrency/,
      );
      expect(() => bus.subscribe('order.placed', () => undefined, { retry: 0 })).to.throw(
        InvalidSubscriptionError,
        /attempts/,
      );
      expect(() => bus.subscribe('order.placed', () => undefined, { filter: true as never })).to.throw(
        InvalidSubscriptionError,
        /filter/,
      );
      expect(bus.stats().subscriptions).to.have.lengthOf(0);
    });

    it('reports an option value that cannot even be printed as InvalidSubscriptionError (found by fuzzing)', () => {
      const bus = aBus();
      const unprintable = { toString: 0 } as unknown as number;
      expect(() =>
        bus.subscribe('order.placed', () => undefined, { retry: { attempts: unprintable } }),
      ).to.throw(InvalidSubscriptionError, /retry.attempts must be an integer >= 1, got an object/);
      expect(() => new InMemoryEventBus({ maxQueueSize: unprintable })).to.throw(
        /maxQueueSize.*got an object/,
      );
    });

    it('names a subscription after the handler, or the name option', () => {
      const bus = aBus();
      function recordFill(): void {}
      expect(bus.subscribe('order.filled', recordFill).name).to.equal('recordFill');
      expect(bus.subscribe('order.filled', () => undefined, { name: 'Risk.check' }).name).to.equal(
        'Risk.check',
      );
    });

    it('stops later deliveries once unsubscribed, also through `using`', async () => {
      const bus = aBus();
      const handler = sinon.spy();
      const subscription = bus.subscribe('order.placed', handler);
      bus.start();
      await bus.publish(anOrderPlaced());
      await bus.drain();
      subscription.unsubscribe();
      subscription.unsubscribe();
      {
        using scoped = bus.subscribe('order.placed', handler);
        expect(scoped.selector).to.equal('order.placed');
      }
      await bus.publish(anOrderPlaced());
      await bus.drain();
      expect(handler.callCount).to.equal(1);
      await bus.stop();
    });

    it('applies subscribe and unsubscribe from inside a handler from the next event on', async () => {
      const bus = aBus();
      const late = sinon.spy();
      const removed = sinon.spy();
      let removable: { unsubscribe(): void } | undefined;
      bus.subscribe('order.placed', () => {
        if (removable === undefined) return;
        removable.unsubscribe();
        bus.subscribe('order.placed', late);
        removable = undefined;
      });
      removable = bus.subscribe('order.placed', removed);
      bus.start();
      await bus.publish(anOrderPlaced());
      await bus.publish(anOrderPlaced());
      await bus.drain();
      expect(removed.callCount, 'the unsubscribed handler still gets the current event').to.equal(1);
      expect(late.callCount, 'the new handler gets only the next event').to.equal(1);
      await bus.stop();
    });
  });

  describe('error isolation', () => {
    it('keeps delivering to other handlers and later events after a handler throws or rejects', async () => {
      const failures: unknown[] = [];
      const bus = aBus({ onError: (failure) => failures.push(failure.error) });
      const seen: string[] = [];
      bus.subscribe('order.placed', () => {
        throw new Error('notifier offline');
      });
      bus.subscribe('order.placed', () => Promise.reject(new Error('db down')));
      bus.subscribe('order.placed', (event) => {
        seen.push(event.payload.symbol);
      });
      bus.start();
      await bus.publish(anOrderPlaced('ETH'));
      await bus.publish(anOrderPlaced('BTC'));
      await bus.drain();
      expect(seen).to.deep.equal(['ETH', 'BTC']);
      expect(failures.map((error) => (error as Error).message).sort()).to.deep.equal([
        'db down',
        'db down',
        'notifier offline',
        'notifier offline',
      ]);
      await bus.stop();
    });

    it('logs a failure with the event id, type and handler name', async () => {
      const logger: Logger = { error: sinon.spy(), warn: sinon.spy(), info: sinon.spy(), debug: sinon.spy() };
      const bus = aBus({ logger });
      bus.subscribe('order.placed', function alertDesk() {
        throw new Error('boom');
      });
      bus.start();
      const event = anOrderPlaced();
      await bus.publish(event);
      await bus.drain();
      sinon.assert.calledWithMatch(
        logger.error as sinon.SinonSpy,
        {
          eventId: event.id,
          eventType: 'order.placed',
          subscription: 'alertDesk',
          err: sinon.match.instanceOf(Error),
        },
        sinon.match(/alertDesk/),
      );
      await bus.stop();
    });

    it('survives an onError hook and a logger that throw', async () => {
      const throwing = () => {
        throw new Error('hook broken');
      };
      const bus = new InMemoryEventBus<TestEvents>({
        logger: { error: throwing, warn: throwing, info: throwing, debug: throwing },
        onError: throwing,
        onUnhandledEvent: throwing,
      });
      const handled = sinon.spy();
      bus.subscribe('order.placed', () => {
        throw new Error('handler broken');
      });
      bus.subscribe('order.placed', handled);
      bus.start();
      await bus.publish(anOrderPlaced());
      await bus.publish(anOrderFilled());
      await bus.publish(anOrderPlaced());
      await bus.drain();
      expect(handled.callCount).to.equal(2);
      await bus.stop();
    });

    it('counts events no subscription matches and hands them to onUnhandledEvent', async () => {
      const unhandled: Event[] = [];
      const bus = aBus({ onUnhandledEvent: (event) => unhandled.push(event) });
      bus.subscribe('order.placed', () => undefined);
      bus.start();
      const orphan = anOrderFilled();
      await bus.publish(orphan);
      await bus.publish(anOrderPlaced());
      await bus.drain();
      expect(unhandled).to.deep.equal([orphan]);
      expect(bus.stats().unhandled).to.equal(1);
      await bus.stop();
    });
  });

  describe('drain()', () => {
    it('waits for events that handlers publish meanwhile', async () => {
      const bus = aBus();
      const fills = sinon.spy();
      bus.subscribe('order.placed', async (event) => {
        await Promise.resolve();
        await bus.publish(createEvent('order.filled', { orderId: event.payload.orderId, price: 1 }));
      });
      bus.subscribe('order.filled', fills);
      bus.start();
      await bus.publish(anOrderPlaced());
      await bus.drain();
      expect(fills.callCount).to.equal(1);
      expect(bus.stats()).to.include({ queued: 0, inFlight: 0 });
      await bus.stop();
    });

    it('resolves at once on an idle bus', async () => {
      const bus = aBus();
      bus.start();
      await bus.drain();
      expect(bus.state).to.equal('running');
      await bus.stop();
    });
  });

  describe('runForever()', () => {
    it('resolves when the bus is stopped', async () => {
      const bus = aBus();
      let resolved = false;
      const loop = bus.runForever().then(() => (resolved = true));
      await bus.drain();
      expect(resolved).to.equal(false);
      expect(bus.state).to.equal('running');
      await bus.stop();
      await loop;
      expect(resolved).to.equal(true);
      expect(bus.state).to.equal('stopped');
    });

    it('returns the same loop when called twice', () => {
      const bus = aBus();
      expect(bus.runForever()).to.equal(bus.runForever());
      return bus.stop();
    });
  });

  describe('stop()', () => {
    it('lets queued and running work finish, then reports everything delivered', async () => {
      const bus = aBus();
      const handled = sinon.spy();
      bus.subscribe('order.placed', async () => {
        await new Promise((resolve) => setImmediate(resolve));
        handled();
      });
      bus.start();
      for (let index = 0; index < 5; index += 1) await bus.publish(anOrderPlaced());
      const report = await bus.stop();
      expect(handled.callCount).to.equal(5);
      expect(report).to.deep.equal({ published: 5, delivered: 5, undelivered: [], timedOut: false });
    });

    it('reports the events and subscriptions left when the timeout elapses', async () => {
      const bus = aBus();
      const clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      try {
        bus.subscribe('order.placed', () => new Promise(() => undefined), { name: 'stuck' });
        bus.start();
        const first = anOrderPlaced();
        const second = anOrderPlaced();
        await bus.publish(first);
        await bus.publish(second);
        await new Promise((resolve) => setImmediate(resolve));
        const stopping = bus.stop({ timeoutMs: 1000 });
        await clock.tickAsync(1000);
        const report = await stopping;
        expect(report.timedOut).to.equal(true);
        expect(report.delivered).to.equal(0);
        expect(report.undelivered.map((entry) => [entry.event.id, entry.subscriptions])).to.have.deep.members(
          [
            [first.id, ['stuck']],
            [second.id, ['stuck']],
          ],
        );
      } finally {
        clock.restore();
      }
    });

    it('is idempotent and refuses new events at once', async () => {
      const bus = aBus();
      bus.subscribe('order.placed', () => new Promise((resolve) => setImmediate(resolve)));
      bus.start();
      await bus.publish(anOrderPlaced());
      const first = bus.stop();
      expect(bus.state).to.equal('stopping');
      expect(await rejectionOf(bus.publish(anOrderPlaced()))).to.be.instanceOf(BusClosedError);
      expect(bus.stop()).to.equal(first);
      await first;
    });
  });
});
