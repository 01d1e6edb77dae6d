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
