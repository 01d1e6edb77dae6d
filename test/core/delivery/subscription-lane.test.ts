import { expect } from 'chai';
import sinon from 'sinon';
import { HandlerTimeoutError, InMemoryEventBus, silentLogger } from '../../../src/core/index.js';
import { anOrderFilled, anOrderPlaced, type TestEvents } from '../test-events.js';

function aBus(options: ConstructorParameters<typeof InMemoryEventBus<TestEvents>>[0] = {}) {
  return new InMemoryEventBus<TestEvents>({ logger: silentLogger, ...options });
}

describe('subscription delivery', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => {
    clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => clock.restore());

  /** Lets the bus run until nothing is left but timers. */
  const settle = async (): Promise<void> => {
    for (let round = 0; round < 5; round += 1) await new Promise((resolve) => setImmediate(resolve));
  };

  describe('retry', () => {
    it('retries only the failed subscription, with exponential backoff, until it succeeds', async () => {
      const bus = aBus();
      const attemptsAt: number[] = [];
      const succeeded = sinon.spy();
      bus.subscribe(
        'order.placed',
        () => {
          attemptsAt.push(Date.now());
          if (attemptsAt.length < 3) throw new Error('transient');
        },
        { retry: { attempts: 5, initialDelayMs: 100, factor: 2, jitter: 0 } },
      );
      bus.subscribe('order.placed', succeeded);
      bus.start();
      await bus.publish(anOrderPlaced());
      await settle();
      await clock.tickAsync(100);
      await clock.tickAsync(200);
      await bus.drain();
      expect(attemptsAt.map((at) => at - attemptsAt[0]!)).to.deep.equal([0, 100, 300]);
      expect(succeeded.callCount, 'the handler that succeeded is not run again').to.equal(1);
      expect(await bus.listDeadLetters()).to.deep.equal([]);
      expect(bus.stats()).to.include({ failed: 2, retried: 2, delivered: 2, deadLettered: 0 });
      await bus.stop();
    });

    it('passes the attempt number to handlers that take a context', async () => {
      const bus = aBus();
      const attempts: number[] = [];
      bus.subscribe(
        'order.placed',
        (_event, context) => {
          attempts.push(context.attempt);
          if (context.attempt === 1) throw new Error('first try fails');
        },
        { retry: { attempts: 2, initialDelayMs: 10 } },
      );
      bus.start();
      await bus.publish(anOrderPlaced());
      await settle();
      await clock.tickAsync(10);
      await bus.drain();
      expect(attempts).to.deep.equal([1, 2]);
      await bus.stop();
    });

    it('dead-letters at once an error the retryable predicate refuses', async () => {
      const onDeadLetter = sinon.spy();
      const bus = aBus({ onDeadLetter });
      const handler = sinon.stub().throws(new TypeError('bad payload'));
      bus.subscribe('order.placed', handler, {
        name: 'Booker.book',
        retry: { attempts: 5, retryable: (error) => !(error instanceof TypeError) },
      });
      bus.start();
      const event = anOrderPlaced();
      await bus.publish(event);
      await bus.drain();
      expect(handler.callCount).to.equal(1);
      sinon.assert.calledOnceWithMatch(onDeadLetter, { event, subscription: 'Booker.book', attempts: 1 });
      await bus.stop();
    });

    it('lets later events of the subscription go on while one waits for its retry', async () => {
      const bus = aBus();
      const handled: number[] = [];
      let failFirst = true;
      bus.subscribe(
        'order.filled',
        (event) => {
          if (failFirst && event.payload.price === 1) {
            failFirst = false;
            throw new Error('transient');
          }
          handled.push(event.payload.price);
        },
        { retry: { attempts: 2, initialDelayMs: 1000 } },
      );
      bus.start();
      await bus.publish(anOrderFilled(1));
      await bus.publish(anOrderFilled(2));
      await settle();
      expect(handled).to.deep.equal([2]);
      await clock.tickAsync(1000);
      await bus.drain();
      expect(handled).to.deep.equal([2, 1]);
      await bus.stop();
    });
  });

  describe('dead letters', () => {
    it('dead-letters a failure without retry after one attempt, with the event, subscription, error and attempts', async () => {
      const bus = aBus();
      const error = new Error('exchange rejected');
      bus.subscribe('order.placed', () => Promise.reject(error), { name: 'Executor.place' });
      bus.start();
      const event = anOrderPlaced();
      await bus.publish(event);
      await bus.drain();
      const [letter, ...others] = await bus.listDeadLetters();
      expect(others).to.have.lengthOf(0);
      expect(letter).to.include({ event, subscription: 'Executor.place', attempts: 1, error });
      await bus.stop();
    });

    it('replays a letter to the subscription it failed in, and a new failure makes a new letter', async () => {
      const bus = aBus();
      let failing = true;
      const delivered = sinon.spy();
      const other = sinon.spy();
      bus.subscribe('order.placed', (event) => {
        if (failing) throw new Error('down');
        delivered(event.id);
      });
      bus.subscribe('order.placed', other);
      bus.start();
      const event = anOrderPlaced();
      await bus.publish(event);
      await bus.drain();
      const [first] = await bus.listDeadLetters();
      await bus.replayDeadLetter(first!.id);
      await bus.drain();
      const [second] = await bus.listDeadLetters();
      expect(second!.id).not.to.equal(first!.id);
      failing = false;
      await bus.replayDeadLetter(second!.id);
      await bus.drain();
      sinon.assert.calledOnceWithExactly(delivered, event.id);
      expect(other.callCount, 'replay goes only to the failed subscription').to.equal(1);
      expect(await bus.listDeadLetters()).to.deep.equal([]);
      await bus.stop();
    });

    it('refuses to replay an unknown letter or one whose subscription is gone', async () => {
      const bus = aBus();
      const subscription = bus.subscribe('order.placed', () => {
        throw new Error('down');
      });
      bus.start();
      await bus.publish(anOrderPlaced());
      await bus.drain();
      const [letter] = await bus.listDeadLetters();
      subscription.unsubscribe();
      const unknown = await bus.replayDeadLetter('nope').catch((error: unknown) => error);
      const orphaned = await bus.replayDeadLetter(letter!.id).catch((error: unknown) => error);
      expect(unknown).to.have.property('code', 'EBUS_UNKNOWN_DEAD_LETTER');
      expect(orphaned)
        .to.have.property('message')
        .that.matches(/no longer subscribed/);
      expect(await bus.listDeadLetters(), 'a refused replay keeps the letter').to.have.lengthOf(1);
      expect(await bus.discardDeadLetter(letter!.id)).to.equal(true);
      expect(await bus.listDeadLetters()).to.have.lengthOf(0);
      await bus.stop();
    });

    it('reports the delivery as failed when the sink cannot store the letter', async () => {
      const bus = aBus({
        deadLetterSink: {
          add: () => Promise.reject(new Error('disk full')),
          list: () => [],
          take: () => undefined,
        },
      });
      bus.subscribe('order.placed', () => {
        throw new Error('down');
      });
      bus.start();
      const result = await bus.publishAndWait(anOrderPlaced());
      expect(result.outcomes).to.have.lengthOf(1);
      expect(result.outcomes[0]).to.include({ status: 'failed', attempts: 1 });
      await bus.stop();
    });
  });

  describe('timeoutMs', () => {
    it('fails a hanging handler with HandlerTimeoutError, aborts its signal, and lets other events flow', async () => {
      const failures: unknown[] = [];
      const bus = aBus({ onError: (failure) => failures.push(failure.error) });
      const signals: AbortSignal[] = [];
      const handled: number[] = [];
      bus.subscribe(
        'order.filled',
        (event, context) => {
          signals.push(context.signal);
          if (event.payload.price === 1) return new Promise(() => undefined);
          handled.push(event.payload.price);
          return undefined;
        },
        { timeoutMs: 500, concurrency: 2 },
      );
      bus.start();
      await bus.publish(anOrderFilled(1));
      await bus.publish(anOrderFilled(2));
      await settle();
      expect(handled).to.deep.equal([2]);
      await clock.tickAsync(500);
      await bus.drain();
      expect(failures).to.have.lengthOf(1);
      expect(failures[0]).to.be.instanceOf(HandlerTimeoutError).with.property('timeoutMs', 500);
      expect(signals[0]!.aborted).to.equal(true);
      expect(await bus.listDeadLetters()).to.have.lengthOf(1);
      await bus.stop();
    });
  });

  describe('concurrency and orderingKey', () => {
    it('runs up to `concurrency` deliveries at once and keeps each key in publish order', async () => {
      const bus = aBus();
      const keyOf = (price: number): string => (price % 4 === 0 ? 'four' : `mod3-${price % 3}`);
      const running = new Set<string>();
      let maxRunning = 0;
      const handledByKey = new Map<string, number[]>();
      bus.subscribe(
        'order.filled',
        async (event) => {
          running.add(event.id);
          maxRunning = Math.max(maxRunning, running.size);
          await new Promise((resolve) => setTimeout(resolve, (event.payload.price * 7) % 5));
          const key = keyOf(event.payload.price);
          handledByKey.set(key, [...(handledByKey.get(key) ?? []), event.payload.price]);
          running.delete(event.id);
        },
        { concurrency: 3, orderingKey: (event) => keyOf(event.payload.price) },
      );
      bus.start();
      const publishedByKey = new Map<string, number[]>();
      for (let price = 0; price < 30; price += 1) {
        await bus.publish(anOrderFilled(price));
        publishedByKey.set(keyOf(price), [...(publishedByKey.get(keyOf(price)) ?? []), price]);
      }
      for (let tick = 0; tick < 200 && bus.stats().queued > 0; tick += 1) await clock.tickAsync(5);
      await bus.drain();
      expect(maxRunning).to.equal(3);
      expect(handledByKey).to.deep.equal(publishedByKey);
      await bus.stop();
    });

    it('holds back later events of a key while one waits for its retry, not other keys', async () => {
      const bus = aBus();
      const handled: string[] = [];
      let failed = false;
      bus.subscribe(
        'order.placed',
        (event) => {
          if (event.payload.orderId === 'a1' && !failed) {
            failed = true;
            throw new Error('transient');
          }
          handled.push(event.payload.orderId);
        },
        {
          concurrency: 4,
          orderingKey: (event) => event.payload.symbol,
          retry: { attempts: 2, initialDelayMs: 100 },
        },
      );
      bus.start();
      const publishOrder = (orderId: string, symbol: string) =>
        bus.publish({ ...anOrderPlaced(symbol), payload: { orderId, symbol } });
      await publishOrder('a1', 'A');
      await publishOrder('b1', 'B');
      await publishOrder('a2', 'A');
      await publishOrder('b2', 'B');
      await settle();
      expect(handled).to.deep.equal(['b1', 'b2']);
      await clock.tickAsync(100);
      await bus.drain();
      expect(handled).to.deep.equal(['b1', 'b2', 'a1', 'a2']);
      await bus.stop();
    });
  });

  describe('filter', () => {
    it('delivers only the events the filter accepts, evaluating it once per event', async () => {
      const bus = aBus();
      const filter = sinon.spy((event: { payload: { price: number } }) => event.payload.price > 10);
      const handler = sinon.spy();
      bus.subscribe('order.filled', handler, { filter });
      bus.start();
      await bus.publish(anOrderFilled(5));
      await bus.publish(anOrderFilled(50));
      await bus.drain();
      expect(filter.callCount).to.equal(2);
      expect(handler.callCount).to.equal(1);
      expect(handler.firstCall.args[0].payload.price).to.equal(50);
      await bus.stop();
    });

    it('dead-letters the event for that subscription when the filter throws', async () => {
      const bus = aBus();
      bus.subscribe('order.filled', () => undefined, {
        name: 'picky',
        filter: () => {
          throw new Error('filter bug');
        },
      });
      bus.start();
      await bus.publish(anOrderFilled());
      await bus.drain();
      const [letter] = await bus.listDeadLetters();
      expect(letter).to.include({ subscription: 'picky', attempts: 1 });
      await bus.stop();
    });
  });
});
