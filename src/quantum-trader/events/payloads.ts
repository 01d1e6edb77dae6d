/** How much risk the whole fund may take, set by MSC AI. */
export type RiskMode = 'AGGRESSIVE' | 'NORMAL' | 'DEFENSIVE';

/** Overall health of the trading system, computed by the System Health Monitor. */
export type HealthStatus = 'HEALTHY' | 'DEGRADED' | 'CRITICAL';

/** The global trading policy as written to the Policy Store. */
export interface TradingPolicy {
  readonly riskMode: RiskMode;
  readonly allowedStrategies: readonly string[];
  /** Minimum model confidence (0..1) for a signal to be traded. */
  readonly globalMinConfidence: number;
  /** Largest fraction of equity one trade may risk (0..1). */
  readonly maxRiskPerTrade: number;
  readonly maxPositions: number;
  /** Incremented on every write to the Policy Store. */
  readonly version: number;
}

/** Payload of `policy.updated`. */
export interface PolicyUpdatedPayload extends TradingPolicy {
  /** The risk mode before this update (absent for the first policy). */
  readonly previousRiskMode?: RiskMode;
}

/** Payload of `strategy.promoted`. */
export interface StrategyPromotedPayload {
  readonly strategyId: string;
  readonly strategyName: string;
  readonly from: 'SHADOW';
  readonly to: 'LIVE';
  /** Shadow-trading results that justified the promotion. */
  readonly sharpeRatio: number;
  readonly winRate: number;
}

/** Payload of `model.promoted`. */
export interface ModelPromotedPayload {
  readonly modelId: string;
  readonly modelName: string;
  readonly version: string;
  readonly previousVersion?: string;
  /** Validation metrics that beat the incumbent model, by name. */
  readonly metrics: Readonly<Record<string, number>>;
}

/** Payload of `health.status_changed`. */
export interface HealthStatusChangedPayload {
  readonly status: HealthStatus;
  readonly previousStatus: HealthStatus;
  /** Why the status is what it is, e.g. "exchange latency 1800 ms > 1000 ms". */
  readonly reasons: readonly string[];
}

/** One ranked trading opportunity. */
export interface RankedOpportunity {
  readonly symbol: string;
  readonly score: number;
  readonly rank: number;
}

/** Payload of `opportunities.updated`. */
export interface OpportunitiesUpdatedPayload {
  /** The TOP_N opportunities, best first. */
  readonly rankings: readonly RankedOpportunity[];
}

/** Payload of `trade.executed`. */
export interface TradeExecutedPayload {
  readonly orderId: string;
  readonly symbol: string;
  readonly side: 'BUY' | 'SELL';
  readonly quantity: number;
  readonly price: number;
  readonly strategyId?: string;
}
