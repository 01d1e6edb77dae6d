import type {
  HealthStatusChangedPayload,
  ModelPromotedPayload,
  OpportunitiesUpdatedPayload,
  PolicyUpdatedPayload,
  StrategyPromotedPayload,
  TradeExecutedPayload,
} from './payloads.js';

/** Quantum Trader's event map: each event type with its payload. Type a bus with it: `EventBus<QuantumTraderEvents>`. */
export interface QuantumTraderEvents {
  'policy.updated': PolicyUpdatedPayload;
  'strategy.promoted': StrategyPromotedPayload;
  'model.promoted': ModelPromotedPayload;
  'health.status_changed': HealthStatusChangedPayload;
  'opportunities.updated': OpportunitiesUpdatedPayload;
  'trade.executed': TradeExecutedPayload;
}
