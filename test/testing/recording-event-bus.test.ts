import { expect } from 'chai';
import sinon from 'sinon';
import { createEvent, type Event, runWithCorrelation, silentLogger } from '../../src/core/index.js';
import { formatCausalTree, RecordingEventBus, WaitForTimeoutError } from '../../src/testing/index.js';

interface TestEvents {
  'health.status_changed': { status: string };
  'policy.updated': { riskMode: string };
  'trade.executed': { symbol: string };
}

function newBus(): RecordingEventBus<TestEvents> {
  return new RecordingEventBus<TestEvents>({ logger: silentLogger });
}

describe('RecordingEventBus', () => {
  describe('publish()', () => {
    it('delivers for real and records what it accepted, in order', async () => {
      const bus = newBus();
      const seen: string[] = [];
      bus.subscribe('trade.executed', (event) => {
        seen.push(event.payload.symbol);
      });
      bus.start();
      await bus.publish(createEvent('trade.executed', { symbol: 'BTCUSDT' }));
      await bus.publish(createEvent('policy.updated', { riskMode: 'NORMAL' }));
      await bus.drain();
      expect(seen).to.deep.equal(['BTCUSDT']);
      expect(bus.published.map((event) => event.type)).to.deep.equal(['trade.executed', 'policy.updated']);
      expect(bus.publishedOfType('policy.updated').map((event) => event.payload.riskMode)).to.deep.equal([
        'NORMAL',
      ]);
    });

    it('records events as the bus keeps them: with the causation ids of the flow filled in', async () => {
      const bus = newBus();
      bus.subscribe('health.status_changed', async () => {
        await bus.publish(createEvent('policy.updated', { riskMode: 'DEFENSIVE' }));
      });
      bus.start();
      const health = createEvent('health.status_changed', { status: 'CRITICAL' });
      await bus.publish(health);
      await bus.drain();
      const [policy] = bus.publishedOfType('policy.updated');
      expect(policy).to.include({ causationId: health.id, correlationId: health.id });
      expect(Object.isFrozen(policy)).to.equal(true);
    });
  });

  describe('waitFor()', () => {
    it('resolves with an event already published', async () => {
      const bus = newBus();
      const trade = createEvent('trade.executed', { symbol: 'ETHUSDT' });
      await bus.publish(trade);
      expect(await bus.waitFor('trade.executed')).to.equal(trade);
    });

    it('resolves with the first matching event published later', async () => {
      const bus = newBus();
      bus.start();
      const waiting = bus.waitFor('policy.updated', {
        where: (event) => event.payload.riskMode === 'DEFENSIVE',
      });
      await bus.publish(createEvent('policy.updated', { riskMode: 'NORMAL' }));
      const defensive = createEvent('policy.updated', { riskMode: 'DEFENSIVE' });
      await bus.publish(defensive);
      expect(await waiting).to.equal(defensive);
    });

    it('rejects with WaitForTimeoutError listing what was published, once the timeout passes', async () => {
      const clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      try {
        const bus = newBus();
        await bus.publish(createEvent('trade.executed', { symbol: 'BTCUSDT' }));
        const waiting = bus.waitFor('policy.updated', { timeoutMs: 1_000 });
        const outcome = waiting.then(
          () => undefined,
          (error: unknown) => error,
        );
        await clock.tickAsync(1_000);
        const error = await outcome;
        expect(error).to.be.instanceOf(WaitForTimeoutError);
        expect((error as Error).message)
          .to.contain('"policy.updated"')
          .and.contain('trade.executed');
      } finally {
        clock.restore();
      }
    });
  });

  describe('causalTree()', () => {
    it('returns each event of a flow under the event whose handler published it', async () => {
      const bus = newBus();
      bus.subscribe('health.status_changed', async (event) => {
        if (event.payload.status === 'CRITICAL') {
          await bus.publish(createEvent('policy.updated', { riskMode: 'DEFENSIVE' }));
        }
      });
      bus.subscribe('policy.updated', async () => {
        await bus.publish(createEvent('trade.executed', { symbol: 'closing BTCUSDT' }));
      });
      bus.start();
      const critical = createEvent('health.status_changed', { status: 'CRITICAL' });
      await bus.publish(critical);
      await bus.publish(createEvent('health.status_changed', { status: 'HEALTHY' }));
      await bus.drain();
      const tree = bus.causalTree(critical.id);
      expect(tree).to.have.lengthOf(1);
      expect(tree[0]?.event).to.equal(critical);
      expect(tree[0]?.children.map((node) => node.event.type)).to.deep.equal(['policy.updated']);
      expect(formatCausalTree(tree)).to.equal(
        ['health.status_changed', '└─ policy.updated', '   └─ trade.executed'].join('\n'),
      );
    });

    it('groups the events of a runWithCorrelation() flow, with each root at the top', async () => {
      const bus = newBus();
      bus.subscribe('trade.executed', async () => {
        await bus.publish(createEvent('policy.updated', { riskMode: 'NORMAL' }));
      });
      bus.start();
      await runWithCorrelation('request-42', async () => {
        await bus.publish(createEvent('trade.executed', { symbol: 'A' }));
        await bus.publish(createEvent('trade.executed', { symbol: 'B' }));
      });
      await bus.publish(createEvent('trade.executed', { symbol: 'outside the flow' }));
      await bus.drain();
      const describe = (event: Event) =>
        event.type === 'trade.executed'
          ? `trade ${(event.payload as { symbol: string }).symbol}`
          : event.type;
      expect(formatCausalTree(bus.causalTree('request-42'), describe)).to.equal(
        ['trade A', '└─ policy.updated', 'trade B', '└─ policy.updated'].join('\n'),
      );
    });
  });

  describe('clearRecorded()', () => {
    it('forgets what was recorded', async () => {
      const bus = newBus();
      await bus.publish(createEvent('trade.executed', { symbol: 'A' }));
      bus.clearRecorded();
      expect(bus.published).to.deep.equal([]);
    });
  });
});
