import { expect } from 'chai';
import sinon from 'sinon';
import { type Logger, runWithCorrelation, silentLogger } from '../../../src/core/index.js';
import { bootstrapEventBus, TYPES } from '../../../src/inversify/index.js';
import {
  ALERT_SEND_ATTEMPTS,
  createQuantumTraderContainer,
  FakeDiscordClient,
  InMemoryPolicyStore,
  MetaStrategyController,
  QT_TYPES,
  type QuantumTraderEvents,
  SystemHealthMonitor,
} from '../../../src/quantum-trader/index.js';
import { formatCausalTree, RecordingEventBus } from '../../../src/testing/index.js';
import { aStrategyPromoted, CRITICAL_METRICS, DEGRADED_METRICS } from '../builders.js';

function spyLogger(): Logger & { readonly info: sinon.SinonSpy; readonly error: sinon.SinonSpy } {
  return { ...silentLogger, info: sinon.spy(), error: sinon.spy(), warn: sinon.spy() };
}

/** The real application container, on a RecordingEventBus so the test can see what flowed. */
async function startApp(options: { discordClient?: FakeDiscordClient } = {}) {
  const logger = spyLogger();
  const discord = options.discordClient ?? new FakeDiscordClient();
  const bus = new RecordingEventBus<QuantumTraderEvents>({ logger });
  const container = createQuantumTraderContainer({
    logger,
    discordClient: discord,
    createEventBus: () => bus,
  });
  const app = await bootstrapEventBus(container);
  return { container, app, bus, logger, discord };
}

describe('createQuantumTraderContainer()', () => {
  afterEach(() => sinon.restore());

  it('subscribes every @OnEvent method of the services, and nothing by hand', async () => {
    const { app } = await startApp();
    expect(app.registry.subscriptions.map((s) => `${s.subscription.name} <- ${s.selector}`)).to.have.members([
      'MetaStrategyController.onHealthStatusChanged <- health.status_changed',
      'DiscordNotifier.onHealthStatusChanged <- health.status_changed',
      'StrategyPromotionLogger.onStrategyPromoted <- strategy.promoted',
    ]);
    expect(app.bus.stats().subscriptions).to.have.lengthOf(3);
    await app.stop();
  });

  it('gives each container its own bus and its own services', () => {
    const first = createQuantumTraderContainer({ logger: silentLogger });
    const second = createQuantumTraderContainer({ logger: silentLogger });
    expect(first.get(QT_TYPES.EventBus)).to.not.equal(second.get(QT_TYPES.EventBus));
    expect(first.get(TYPES.EventBus)).to.equal(first.get(QT_TYPES.EventBus));
    expect(first.get(MetaStrategyController)).to.not.equal(second.get(MetaStrategyController));
  });

  describe('end to end on the real bus', () => {
    it('turns CRITICAL health into exactly one Discord alert and one DEFENSIVE policy, and logs the promotion', async () => {
      const { container, app, bus, logger, discord } = await startApp();
      const monitor = container.get(SystemHealthMonitor);
      await bus.publish(aStrategyPromoted({ strategyName: 'Trend Rider v3' }));
      await monitor.report(DEGRADED_METRICS);
      await monitor.report(CRITICAL_METRICS);
      await monitor.report(CRITICAL_METRICS);
      await bus.drain();

      expect(discord.messages).to.have.lengthOf(1);
      expect(discord.messages[0]?.content).to.contain('DEGRADED -> CRITICAL');
      const policies = bus.publishedOfType('policy.updated');
      expect(policies.map((event) => event.payload.riskMode)).to.deep.equal(['DEFENSIVE']);
      expect(policies[0]?.payload).to.include({ previousRiskMode: 'NORMAL', version: 2 });
      sinon.assert.calledWithMatch(
        logger.info,
        { strategyId: 'strat-7' },
        'Strategy Trend Rider v3 promoted to LIVE',
      );
      const report = await app.stop();
      expect(report).to.include({ published: 4, delivered: 4, timedOut: false });
    });

    it('records that the CRITICAL health event, handled by MSC AI, caused the DEFENSIVE policy.updated', async () => {
      const { container, app, bus } = await startApp();
      await container.get(SystemHealthMonitor).report(CRITICAL_METRICS);
      await bus.drain();
      const [critical] = bus.publishedOfType('health.status_changed');
      const [policy] = bus.publishedOfType('policy.updated');
      expect(policy).to.include({ causationId: critical?.id, correlationId: critical?.id });
      const describeEvent = (event: { type: string; payload: unknown }) =>
        `${event.type} ${(event.payload as { status?: string; riskMode?: string }).status ?? (event.payload as { riskMode: string }).riskMode}`;
      expect(formatCausalTree(bus.causalTree(critical?.id ?? ''), describeEvent)).to.equal(
        ['health.status_changed CRITICAL', '└─ policy.updated DEFENSIVE'].join('\n'),
      );
      await app.stop();
    });

    it('carries a correlation id started outside any handler through both services', async () => {
      const { container, app, bus } = await startApp();
      await runWithCorrelation('health-check-0900', () =>
        container.get(SystemHealthMonitor).report(CRITICAL_METRICS),
      );
      await bus.drain();
      expect(formatCausalTree(bus.causalTree('health-check-0900'))).to.equal(
        ['health.status_changed', '└─ policy.updated'].join('\n'),
      );
      await app.stop();
    });

    it('logs a failing Discord client, retries and dead-letters the alert, while MSC AI still goes DEFENSIVE', async () => {
      const clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      const discord = new FakeDiscordClient();
      discord.failWith(new Error('discord 503'));
      const { container, app, bus, logger } = await startApp({ discordClient: discord });
      await container.get(SystemHealthMonitor).report(CRITICAL_METRICS);
      const drained = bus.drain();
      await clock.tickAsync(10_000);
      await drained;
      clock.restore();

      const letters = await bus.listDeadLetters();
      expect(letters.map((letter) => [letter.subscription, letter.attempts])).to.deep.equal([
        ['DiscordNotifier.onHealthStatusChanged', ALERT_SEND_ATTEMPTS],
      ]);
      sinon.assert.calledWithMatch(logger.error, { subscription: 'DiscordNotifier.onHealthStatusChanged' });
      expect(bus.publishedOfType('policy.updated').map((event) => event.payload.riskMode)).to.deep.equal([
        'DEFENSIVE',
      ]);
      await app.stop();
    });

    it('uses the policy store it is given', async () => {
      const store = new InMemoryPolicyStore();
      const container = createQuantumTraderContainer({ logger: silentLogger, policyStore: store });
      const app = await bootstrapEventBus(container);
      await container.get(SystemHealthMonitor).report(CRITICAL_METRICS);
      await app.bus.drain();
      expect((await store.read()).riskMode).to.equal('DEFENSIVE');
      await app.stop();
    });
  });
});
