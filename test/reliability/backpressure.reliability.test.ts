import { expect } from 'chai';
import { createEvent, InMemoryEventBus, QueueFullError, silentLogger } from '../../src/core/index.js';
import { seededRandom, yieldTurns } from './seeded-random.js';

const EVENTS = 10_000;
const LIMIT = 100;

describe('reliability: backpressure and shutdown', function () {
  this.timeout(60_000);

  it("never holds more than maxQueueSize events and loses nothing under 'wait'", async () => {
    const bus = new InMemoryEventBus({ logger: silentLogger, maxQueueSize: LIMIT });
    const handled: number[] = [];
    let peak = 0;
    bus.subscribe('trade.executed', async (event) => {
      peak = Math.max(peak, bus.stats().queued);
      await Promise.resolve();
      handled.push((event.payload as { index: number }).index);
    });
    bus.start();
    const publishes: Promise<void>[] = [];
    for (let index = 0; index < EVENTS; index += 1) {
      publishes.push(bus.publish(createEvent('trade.executed', { index })));
      peak = Math.max(peak, bus.stats().queued);
    }
    await Promise.all(publishes);
    await bus.drain();
    expect(peak).to.equal(LIMIT);
    expect(handled).to.deep.equal([...Array(EVENTS).keys()]);
    await bus.stop();
  });

  it("rejects with QueueFullError under 'error' and delivers exactly what it accepted", async () => {
    const bus = new InMemoryEventBus({ logger: silentLogger, maxQueueSize: LIMIT, overflow: 'error' });
    const handled = new Set<string>();
    const accepted = new Set<string>();
    let rejected = 0;
    bus.subscribe('trade.executed', async (event) => {
      await Promise.resolve();
      handled.add(event.id);
    });
    bus.start();
    for (let batch = 0; batch < EVENTS / 250; batch += 1) {
      const attempts = Array.from({ length: 250 }, (_, index) => {
        const event = createEvent('trade.executed', { index: batch * 250 + index });
        return bus.publish(event).then(
          () => accepted.add(event.id),
          (error: unknown) => {
            expect(error).to.be.instanceOf(QueueFullError);
            rejected += 1;
          },
        );
      });
      expect(bus.stats().queued).to.be.at.most(LIMIT);
      await Promise.all(attempts);
      await yieldTurns(1);
    }
    await bus.drain();
    expect(rejected).to.be.greaterThan(0);
    expect(handled).to.deep.equal(accepted);
    await bus.stop();
  });

  it('accounts for every event when stop() lands in the middle of a run: delivered + undelivered = published', async () => {
    const random = seededRandom(99);
    const bus = new InMemoryEventBus({ logger: silentLogger });
    const finishedBy = new Map<string, Set<string>>();
    const record = (subscription: string, id: string) =>
      finishedBy.set(id, (finishedBy.get(id) ?? new Set()).add(subscription));
    bus.subscribe(
      'trade.executed',
      async (event) => {
        await yieldTurns(Math.floor(random() * 3));
        record('slow', event.id);
      },
      { name: 'slow', concurrency: 4 },
    );
    bus.subscribe(
      'trade.executed',
      (event) => {
        record('fast', event.id);
      },
      { name: 'fast' },
    );
    bus.subscribe(
      'trade.executed',
      async (event) => {
        if (random() < 0.05) throw new Error('flaky');
        record('flaky', event.id);
      },
      { name: 'flaky', retry: { attempts: 3, initialDelayMs: 5 } },
    );
    bus.start();
    let published = 0;
    const producer = (async () => {
      for (let index = 0; index < EVENTS; index += 1) {
        try {
          await bus.publish(createEvent('trade.executed', { index }));
          published += 1;
        } catch {
          return;
        }
        if (index % 50 === 0) await yieldTurns(1);
      }
    })();
    await yieldTurns(40);
    const report = await bus.stop({ timeoutMs: 5 });
    const snapshot = new Map([...finishedBy].map(([id, subscriptions]) => [id, new Set(subscriptions)]));
    await producer;
    expect(published).to.be.within(1, EVENTS - 1);
    expect(report.published).to.equal(published);
    expect(report.delivered + report.undelivered.length).to.equal(published);
    const undeliveredIds = new Set(report.undelivered.map((entry) => entry.event.id));
    expect(undeliveredIds.size).to.equal(report.undelivered.length);
    for (const entry of report.undelivered) {
      for (const subscription of entry.subscriptions) {
        expect(
          snapshot.get(entry.event.id)?.has(subscription) ?? false,
          `${entry.event.id} ${subscription}`,
        ).to.equal(false);
      }
    }
    const letters = new Set(
      (await bus.listDeadLetters()).map((letter) => `${letter.event.id}/${letter.subscription}`),
    );
    for (const [id, subscriptions] of snapshot) {
      if (undeliveredIds.has(id)) continue;
      expect(subscriptions.has('fast') && subscriptions.has('slow'), id).to.equal(true);
      expect(subscriptions.has('flaky') || letters.has(`${id}/flaky`), id).to.equal(true);
    }
  });
});
