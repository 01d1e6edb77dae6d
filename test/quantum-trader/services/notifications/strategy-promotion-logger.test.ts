import sinon from 'sinon';
import { type Logger, silentLogger } from '../../../../src/core/index.js';
import {
  createQuantumTraderContainer,
  StrategyPromotedEvent,
  StrategyPromotionLogger,
} from '../../../../src/quantum-trader/index.js';
import { createTestContainer } from '../../../../src/testing/index.js';
import { aStrategyPromoted } from '../../builders.js';

describe('StrategyPromotionLogger', () => {
  describe('onStrategyPromoted()', () => {
    it('logs "Strategy X promoted to LIVE" at info level through the injected logger', async () => {
      const logger: Logger = { ...silentLogger, info: sinon.spy() };
      const { container } = await createTestContainer({
        container: createQuantumTraderContainer({ logger }),
      });
      const event = aStrategyPromoted({ strategyName: 'Mean Revert Pro' });
      container.get(StrategyPromotionLogger).onStrategyPromoted(event);
      sinon.assert.calledOnceWithExactly(
        logger.info as sinon.SinonSpy,
        { eventId: event.id, strategyId: 'strat-7', sharpeRatio: 2.1, winRate: 0.61 },
        'Strategy Mean Revert Pro promoted to LIVE',
      );
    });

    it('is subscribed by its event class, in transient scope', async () => {
      const { bus, registry } = await createTestContainer({
        container: createQuantumTraderContainer({ logger: silentLogger }),
      });
      sinon.assert.calledWithMatch(bus.subscribe, sinon.match.same(StrategyPromotedEvent), sinon.match.func, {
        name: 'StrategyPromotionLogger.onStrategyPromoted',
      });
      sinon.assert.match(
        registry?.subscriptions.find((s) => s.className === 'StrategyPromotionLogger'),
        { scope: 'Transient', selector: 'strategy.promoted' },
      );
    });
  });
});
