// A scripted slice of a Quantum Trader day for the inspector's tests and screenshot: handlers named
// like the inversify scanner names them (`Class.method`), causal chains, a slow handler, and a
// notifier whose webhook is down so that deliveries are retried and dead-lettered.
import type { EventBus } from '../../src/core/index.js';
import {
  HealthStatusChangedEvent,
  ModelPromotedEvent,
  OpportunitiesUpdatedEvent,
  PolicyUpdatedEvent,
  type QuantumTraderEvents,
  type RiskMode,
  StrategyPromotedEvent,
  TradeExecutedEvent,
} from '../../src/quantum-trader/index.js';

const SYMBOLS = ['BTCUSDT', 'ETHUSDT', 'SOLUSDT', 'BNBUSDT', 'XRPUSDT', 'ADAUSDT'];
const RISK_MODES: readonly RiskMode[] = ['NORMAL', 'AGGRESSIVE', 'DEFENSIVE'];

/** A deterministic pseudo-random sequence, so runs look alike. */
function sequence(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Switches the Discord webhook on and off; deliveries fail while it is down. */
export interface DiscordWebhook {
  down: boolean;
}

/** Subscribes Quantum Trader's services to `bus`; returns the webhook switch of the notifier. */
export function subscribeQuantumTrader(bus: EventBus<QuantumTraderEvents>): DiscordWebhook {
  const webhook: DiscordWebhook = { down: true };
  const random = sequence(7);
  let policyVersion = 1;
  let trades = 0;

  bus.subscribe(
    PolicyUpdatedEvent,
    async () => {
      await pause(1 + random() * 3);
    },
    { name: 'PolicyStore.onPolicyUpdated' },
  );
  bus.subscribe(
    OpportunitiesUpdatedEvent,
    async (event) => {
      await pause(2 + random() * 6);
      const best = event.payload.rankings[0];
      if (best !== undefined && best.score > 0.93) {
        await bus.publish(
          new StrategyPromotedEvent({
            strategyId: `strat-${best.symbol.toLowerCase()}`,
            strategyName: `Momentum ${best.symbol}`,
            from: 'SHADOW',
            to: 'LIVE',
            sharpeRatio: Number((1.4 + best.score).toFixed(2)),
            winRate: Number((0.5 + best.score / 10).toFixed(3)),
          }),
        );
      }
    },
    { name: 'MetaStrategyController.onOpportunitiesUpdated' },
  );
  bus.subscribe(
    StrategyPromotedEvent,
    async (event) => {
      await pause(1);
      policyVersion += 1;
      await bus.publish(
        new PolicyUpdatedEvent({
          riskMode: RISK_MODES[policyVersion % RISK_MODES.length] as RiskMode,
          allowedStrategies: [event.payload.strategyId],
          globalMinConfidence: 0.62,
          maxRiskPerTrade: 0.015,
          maxPositions: 8,
          version: policyVersion,
        }),
      );
    },
    { name: 'StrategyPromotionLogger.onStrategyPromoted' },
  );
  bus.subscribe(
    TradeExecutedEvent,
    async () => {
      trades += 1;
      await pause(random() * 2);
      if (trades % 40 === 0) {
        await bus.publish(
          new HealthStatusChangedEvent({
            status: trades % 80 === 0 ? 'HEALTHY' : 'DEGRADED',
            previousStatus: trades % 80 === 0 ? 'DEGRADED' : 'HEALTHY',
            reasons: trades % 80 === 0 ? [] : ['exchange latency 1800 ms > 1000 ms'],
          }),
        );
      }
    },
    { name: 'SystemHealthMonitor.onTradeExecuted' },
  );
  bus.subscribe(
    HealthStatusChangedEvent,
    async () => {
      await pause(3 + random() * 4);
      if (webhook.down) throw new Error('Discord webhook answered 502 Bad Gateway');
    },
    { name: 'DiscordNotifier.onHealthStatusChanged', retry: { attempts: 3, initialDelayMs: 20 } },
  );
  bus.subscribe(
    ModelPromotedEvent,
    async () => {
      await pause(15 + random() * 30);
    },
    { name: 'ContinuousLearningManager.onModelPromoted' },
  );
  bus.subscribe('**', () => undefined, { name: 'audit-trail' });
  return webhook;
}

/** Publishes `count` market events (trades, rankings, now and then a model promotion). */
export async function publishMarketActivity(
  bus: EventBus<QuantumTraderEvents>,
  count: number,
  seed = 11,
): Promise<void> {
  const random = sequence(seed);
  for (let index = 0; index < count; index++) {
    const symbol = SYMBOLS[Math.floor(random() * SYMBOLS.length)] as string;
    const roll = random();
    if (roll < 0.12) {
      await bus.publish(
        new OpportunitiesUpdatedEvent({
          rankings: SYMBOLS.slice(0, 3).map((candidate, rank) => ({
            symbol: rank === 0 ? symbol : candidate,
            score: Number((0.99 - rank * 0.07 - random() * 0.08).toFixed(3)),
            rank: rank + 1,
          })),
        }),
      );
    } else if (roll < 0.125) {
      await bus.publish(
        new ModelPromotedEvent({
          modelId: 'xgb-signal',
          modelName: 'XGBoost signal model',
          version: `2026.12.${index % 28}`,
          previousVersion: '2026.11.30',
          metrics: { auc: 0.71, precision: 0.64 },
        }),
      );
    } else {
      await bus.publish(
        new TradeExecutedEvent({
          orderId: `ord-${100_000 + index}`,
          symbol,
          side: random() < 0.5 ? 'BUY' : 'SELL',
          quantity: Number((random() * 3).toFixed(4)),
          price: Number((1000 + random() * 60_000).toFixed(2)),
          strategyId: 'strat-momentum',
        }),
      );
    }
  }
}
