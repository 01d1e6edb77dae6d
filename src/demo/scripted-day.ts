import type { Container } from 'inversify';
import type { EventBus } from '../core/index.js';
import {
  type HealthMetrics,
  ModelPromotedEvent,
  type QuantumTraderEvents,
  StrategyPromotedEvent,
  SystemHealthMonitor,
  TradeExecutedEvent,
} from '../quantum-trader/index.js';

/** One moment of the scripted day: at a clock time, an actor does something. */
export interface ScriptStep {
  readonly at: string;
  readonly actor: string;
  readonly run: (container: Container, bus: EventBus<QuantumTraderEvents>) => Promise<unknown>;
}

const DEGRADED_METRICS: HealthMetrics = { exchangeLatencyMs: 820, errorRatePct: 0.4, dataFeedLagMs: 350 };
const CRITICAL_METRICS: HealthMetrics = { exchangeLatencyMs: 2_300, errorRatePct: 14, dataFeedLagMs: 900 };

/**
 * A short trading day: a strategy is promoted, health degrades and then goes CRITICAL (the
 * notifier alerts, MSC AI switches to DEFENSIVE), a trade executes, a model is promoted.
 */
export const SCRIPTED_DAY: readonly ScriptStep[] = [
  {
    at: '08:00',
    actor: 'Strategy Generator AI',
    run: (_container, bus) =>
      bus.publish(
        new StrategyPromotedEvent({
          strategyId: 'sg-0412',
          strategyName: 'Trend Rider v3',
          from: 'SHADOW',
          to: 'LIVE',
          sharpeRatio: 2.14,
          winRate: 0.61,
        }),
      ),
  },
  {
    at: '09:30',
    actor: 'System Health Monitor',
    run: (container) => container.get(SystemHealthMonitor).report(DEGRADED_METRICS),
  },
  {
    at: '10:15',
    actor: 'System Health Monitor',
    run: (container) => container.get(SystemHealthMonitor).report(CRITICAL_METRICS),
  },
  {
    at: '10:16',
    actor: 'Executor',
    run: (_container, bus) =>
      bus.publish(
        new TradeExecutedEvent({
          orderId: 'ord-88231',
          symbol: 'BTCUSDT',
          side: 'SELL',
          quantity: 0.5,
          price: 61_250,
          strategyId: 'sg-0412',
        }),
      ),
  },
  {
    at: '11:00',
    actor: 'Continuous Learning Manager',
    run: (_container, bus) =>
      bus.publish(
        new ModelPromotedEvent({
          modelId: 'xgb-signal',
          modelName: 'XGB signal model',
          version: 'v15',
          previousVersion: 'v14',
          metrics: { auc: 0.71, precision: 0.64 },
        }),
      ),
  },
];
