// Public API of `@quantum-trader/eventbus/quantum-trader`: Quantum Trader's domain events.
export type { QuantumTraderEvents } from './events/quantum-trader-events.js';
export type {
  HealthStatus,
  HealthStatusChangedPayload,
  ModelPromotedPayload,
  OpportunitiesUpdatedPayload,
  PolicyUpdatedPayload,
  RankedOpportunity,
  RiskMode,
  StrategyPromotedPayload,
  TradeExecutedPayload,
  TradingPolicy,
} from './events/payloads.js';
export { PolicyUpdatedEvent } from './events/policy-updated-event.js';
export { StrategyPromotedEvent } from './events/strategy-promoted-event.js';
export { ModelPromotedEvent } from './events/model-promoted-event.js';
export { HealthStatusChangedEvent } from './events/health-status-changed-event.js';
export { OpportunitiesUpdatedEvent } from './events/opportunities-updated-event.js';
export { TradeExecutedEvent } from './events/trade-executed-event.js';

// Services, wired through the container (issue 3).
export { QT_TYPES } from './container/qt-types.js';
export { createQuantumTraderContainer } from './container/create-quantum-trader-container.js';
export type { QuantumTraderContainerOptions } from './container/create-quantum-trader-container.js';
export { OnQuantumEvent } from './services/on-quantum-event.js';
export type { PolicyStore, PolicyChanges } from './services/policy/policy-store.js';
export { InMemoryPolicyStore, DEFAULT_TRADING_POLICY } from './services/policy/in-memory-policy-store.js';
export {
  decidePolicy,
  decideRiskMode,
  isPolicyChange,
  NEUTRAL_MARKET_SNAPSHOT,
  DEFENSIVE_DRAWDOWN_PCT,
  AGGRESSIVE_MIN_WIN_RATE,
  AGGRESSIVE_MAX_DRAWDOWN_PCT,
  RISK_PROFILES,
} from './services/policy/decide-policy.js';
export type { MarketSnapshot, PolicyDecision } from './services/policy/decide-policy.js';
export { MetaStrategyController } from './services/policy/meta-strategy-controller.js';
export type { PolicyEvaluation } from './services/policy/meta-strategy-controller.js';
export { computeHealthStatus, HEALTH_THRESHOLDS } from './services/health/compute-health-status.js';
export type {
  HealthAssessment,
  HealthMetrics,
  HealthThresholds,
} from './services/health/compute-health-status.js';
export { SystemHealthMonitor } from './services/health/system-health-monitor.js';
export type { HealthReport } from './services/health/system-health-monitor.js';
export type { DiscordClient, DiscordMessage } from './services/notifications/discord-client.js';
export { FakeDiscordClient } from './services/notifications/fake-discord-client.js';
export {
  DiscordNotifier,
  ALERTS_CHANNEL,
  ALERT_SEND_ATTEMPTS,
} from './services/notifications/discord-notifier.js';
export { StrategyPromotionLogger } from './services/notifications/strategy-promotion-logger.js';
