import { expect } from 'chai';
import { createEvent, HandlerTimeoutError, InMemoryEventBus, silentLogger } from '../../src/core/index.js';
import { seededRandom, yieldTurns } from './seeded-random.js';

const EVENTS = 10_000;
const SEED = 20261204;

describe('reliability: delivery under failure', function () {
  this.timeout(60_000);

  it('delivers every (event, subscription) exactly once when handlers fail transiently 30% of the time', async () => {
    const random = seededRandom(SEED);
    const bus = new InMemoryEventBus({ logger: silentLogger });
    const succeeded = [new Map<string, number>(), new Map<string, number>()];
    let failures = 0;
    for (const [index, successes] of succeeded.entries()) {
      bus.subscribe(
        'trade.executed',
        async (event) => {
          if (index === 1) await Promise.resolve();
          if (random() < 0.3) {
            failures += 1;
            throw new Error('transient');
          }
          successes.set(event.id, (successes.get(event.id) ?? 0) + 1);
        },
        { name: `ledger-${index}`, retry: { attempts: 25, initialDelayMs: 0, jitter: 0 } },
      );
    }
    bus.start();
    const ids: string[] = [];
    for (let index = 0; index < EVENTS; index += 1) {
      const event = createEvent('trade.executed', { index });
      ids.push(event.id);
      await bus.publish(event);
    }
    await bus.drain();
    expect(failures).to.be.greaterThan(EVENTS * 0.5);
    for (const successes of succeeded) {
      expect(successes.size).to.equal(EVENTS);
      expect([...successes.values()].every((count) => count === 1)).to.equal(true);
    }
    expect(await bus.listDeadLetters()).to.deep.equal([]);
    await bus.stop();
  });

  it('attempts each poison event exactly the configured number of times and dead-letters exactly the poison set', async () => {
    const random = seededRandom(SEED + 1);
    const bus = new InMemoryEventBus<{ 'trade.executed': { poison: boolean } }>({ logger: silentLogger });
    const attempts = new Map<string, number>();
    const poison = new Set<string>();
    let healthy = 0;
    bus.subscribe(
      'trade.executed',
      (event) => {
        attempts.set(event.id, (attempts.get(event.id) ?? 0) + 1);
        if (event.payload.poison) throw new Error('poison');
        healthy += 1;
      },
      { name: 'booker', retry: { attempts: 3, initialDelayMs: 0, jitter: 0 } },
    );
    bus.start();
    for (let index = 0; index < EVENTS; index += 1) {
      const event = createEvent('trade.executed', { poison: random() < 0.01 });
      if (event.payload.poison) poison.add(event.id);
      await bus.publish(event);
    }
    await bus.drain();
    const letters = await bus.listDeadLetters();
    expect(poison.size).to.be.within(50, 150);
    expect(new Set(letters.map((letter) => letter.event.id))).to.deep.equal(poison);
    expect(letters.every((letter) => letter.attempts === 3 && letter.subscription === 'booker')).to.equal(
      true,
    );
    for (const id of poison) expect(attempts.get(id)).to.equal(3);
    expect(healthy).to.equal(EVENTS - poison.size);
    await bus.stop();
  });

  it('fails hanging handlers by timeout, retries then dead-letters them, while the rest flows', async () => {
    const random = seededRandom(SEED + 2);
    const bus = new InMemoryEventBus<{ 'trade.executed': { hangs: boolean } }>({ logger: silentLogger });
    const hanging = new Set<string>();
    const handled = new Set<string>();
    bus.subscribe(
      'trade.executed',
      (event) => {
        if (event.payload.hangs) return new Promise(() => undefined);
        handled.add(event.id);
        return undefined;
      },
      { timeoutMs: 20, concurrency: 8, retry: { attempts: 2, initialDelayMs: 0, jitter: 0 } },
    );
    bus.start();
    for (let index = 0; index < EVENTS; index += 1) {
      const event = createEvent('trade.executed', { hangs: random() < 0.003 });
      if (event.payload.hangs) hanging.add(event.id);
      await bus.publish(event);
    }
    await bus.drain();
    const letters = await bus.listDeadLetters();
    expect(hanging.size).to.be.greaterThan(10);
    expect(handled.size).to.equal(EVENTS - hanging.size);
    expect(new Set(letters.map((letter) => letter.event.id))).to.deep.equal(hanging);
    expect(
      letters.every((letter) => letter.error instanceof HandlerTimeoutError && letter.attempts === 2),
    ).to.equal(true);
    await bus.stop();
  });

  it('handles every key in publish order under concurrency 8 with 50 keys', async () => {
    const random = seededRandom(SEED + 3);
    const bus = new InMemoryEventBus<{ 'trade.executed': { key: string; index: number } }>({
      logger: silentLogger,
    });
    const seenByKey = new Map<string, number[]>();
    const publishedByKey = new Map<string, number[]>();
    let running = 0;
    let peak = 0;
    const delays = Array.from({ length: EVENTS }, () => Math.floor(random() * 3));
    bus.subscribe(
      'trade.executed',
      async (event) => {
        running += 1;
        peak = Math.max(peak, running);
        await yieldTurns(delays[event.payload.index]!);
        const seen = seenByKey.get(event.payload.key) ?? [];
        seen.push(event.payload.index);
        seenByKey.set(event.payload.key, seen);
        running -= 1;
      },
      { concurrency: 8, orderingKey: (event) => event.payload.key },
    );
    bus.start();
    for (let index = 0; index < EVENTS; index += 1) {
      const key = `k${Math.floor(random() * 50)}`;
      publishedByKey.set(key, [...(publishedByKey.get(key) ?? []), index]);
      await bus.publish(createEvent('trade.executed', { key, index }));
    }
    await bus.drain();
    expect(peak).to.equal(8);
    expect(seenByKey.size).to.equal(50);
    for (const [key, published] of publishedByKey) expect(seenByKey.get(key), key).to.deep.equal(published);
    await bus.stop();
  });

  it('lets handlers publish further events without deadlock, each subscription seeing publish order', async () => {
    const bus = new InMemoryEventBus<{ 'order.placed': { depth: number } }>({ logger: silentLogger });
    const childOrder: string[] = [];
    const published: string[] = [];
    bus.subscribe('order.placed', async (event) => {
      if (event.payload.depth >= 3) return;
      await Promise.resolve();
      for (let child = 0; child < 2; child += 1) {
        const next = createEvent('order.placed', { depth: event.payload.depth + 1 });
        published.push(next.id);
        await bus.publish(next);
      }
    });
    bus.subscribe('order.placed', (event) => {
      childOrder.push(event.id);
    });
    bus.start();
    for (let root = 0; root < 500; root += 1) {
      const event = createEvent('order.placed', { depth: 0 });
      published.push(event.id);
      await bus.publish(event);
    }
    await bus.drain();
    expect(published).to.have.lengthOf(500 * 15);
    expect(childOrder).to.deep.equal(published);
    await bus.stop();
  });
});
