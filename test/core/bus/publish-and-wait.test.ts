import { expect } from 'chai';
import sinon from 'sinon';
import { InMemoryEventBus, InvalidEventError, silentLogger } from '../../../src/core/index.js';
import { anOrderFilled, anOrderPlaced, rejectionOf, type TestEvents } from '../test-events.js';

describe('InMemoryEventBus', () => {
  describe('publishAndWait()', () => {
    it('resolves with one outcome per matching subscription once all have finished, retries included', async () => {
      const bus = new InMemoryEventBus<TestEvents>({ logger: silentLogger });
      let attempts = 0;
      bus.subscribe('order.placed', () => undefined, { name: 'ok' });
      bus.subscribe(
        'order.placed',
        () => {
          attempts += 1;
          if (attempts === 1) throw new Error('transient');
        },
        { name: 'flaky', retry: { attempts: 2, initialDelayMs: 1 } },
      );
      bus.subscribe('order.placed', () => Promise.reject(new Error('poison')), { name: 'broken' });
      bus.subscribe('order.placed', () => undefined, { name: 'filtered', filter: () => false });
      bus.start();
      const { event, outcomes } = await bus.publishAndWait(anOrderPlaced());
      expect(event.type).to.equal('order.placed');
      const byName = Object.fromEntries(outcomes.map((outcome) => [outcome.subscription, outcome]));
      expect(byName['ok']).to.include({ status: 'succeeded', attempts: 1 });
      expect(byName['flaky']).to.include({ status: 'succeeded', attempts: 2 });
      expect(byName['broken']).to.include({ status: 'dead-lettered', attempts: 1 });
      expect((byName['broken'] as { error: Error }).error.message).to.equal('poison');
      expect(byName['filtered']).to.include({ status: 'skipped' });
      await bus.stop();
    });

    it('reports subscriptions still running at the timeout as timed-out', async () => {
      const clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      try {
        const bus = new InMemoryEventBus<TestEvents>({ logger: silentLogger });
        bus.subscribe('order.filled', () => new Promise(() => undefined), { name: 'hangs' });
        bus.subscribe('order.filled', () => undefined, { name: 'quick' });
        bus.start();
        const waiting = bus.publishAndWait(anOrderFilled(), { timeoutMs: 250 });
        await clock.tickAsync(250);
        const { outcomes } = await waiting;
        expect(outcomes.map((outcome) => [outcome.subscription, outcome.status])).to.have.deep.members([
          ['quick', 'succeeded'],
          ['hangs', 'timed-out'],
        ]);
        const stopping = bus.stop({ timeoutMs: 1 });
        await clock.tickAsync(1);
        expect((await stopping).undelivered).to.have.lengthOf(1);
      } finally {
        clock.restore();
      }
    });

    it('resolves with no outcomes when nothing matches, and rejects only for publish errors', async () => {
      const bus = new InMemoryEventBus<TestEvents>({ logger: silentLogger });
      bus.start();
      expect((await bus.publishAndWait(anOrderFilled())).outcomes).to.deep.equal([]);
      expect(await rejectionOf(bus.publishAndWait(null as never))).to.be.instanceOf(InvalidEventError);
      await bus.stop();
    });
  });
});
