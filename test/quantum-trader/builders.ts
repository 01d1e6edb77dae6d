// Small builders of Quantum Trader events and metrics for the tests of this folder.
import {
  type HealthMetrics,
  type HealthStatus,
  HealthStatusChangedEvent,
  type StrategyPromotedPayload,
  StrategyPromotedEvent,
} from '../../src/quantum-trader/index.js';

export const HEALTHY_METRICS: HealthMetrics = {
  exchangeLatencyMs: 120,
  errorRatePct: 0.2,
  dataFeedLagMs: 300,
};
export const DEGRADED_METRICS: HealthMetrics = {
  exchangeLatencyMs: 800,
  errorRatePct: 0.5,
  dataFeedLagMs: 400,
};
export const CRITICAL_METRICS: HealthMetrics = {
  exchangeLatencyMs: 2_400,
  errorRatePct: 12,
  dataFeedLagMs: 500,
};

export function aHealthStatusChanged(status: HealthStatus, previousStatus: HealthStatus = 'HEALTHY') {
  return new HealthStatusChangedEvent({ status, previousStatus, reasons: [`test says ${status}`] });
}

export function aStrategyPromoted(overrides: Partial<StrategyPromotedPayload> = {}) {
  return new StrategyPromotedEvent({
    strategyId: 'strat-7',
    strategyName: 'Trend Rider v3',
    from: 'SHADOW',
    to: 'LIVE',
    sharpeRatio: 2.1,
    winRate: 0.61,
    ...overrides,
  });
}
