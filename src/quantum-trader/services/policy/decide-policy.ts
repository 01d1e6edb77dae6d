import type { HealthStatus, RiskMode, TradingPolicy } from '../../events/payloads.js';

/** What MSC AI decides from: the system's health and recent trading performance. */
export interface MarketSnapshot {
  readonly health: HealthStatus;
  /** Current drawdown from the equity peak, in percent (0..100). */
  readonly drawdownPct: number;
  /** Share of winning trades over the recent window (0..1). */
  readonly winRate: number;
}

/** The snapshot MSC AI assumes before it has heard anything: healthy, flat, break-even. */
export const NEUTRAL_MARKET_SNAPSHOT: MarketSnapshot = Object.freeze({
  health: 'HEALTHY',
  drawdownPct: 0,
  winRate: 0.5,
});

/** At or above this drawdown, in percent, the fund goes DEFENSIVE whatever else holds. */
export const DEFENSIVE_DRAWDOWN_PCT = 8;
/** AGGRESSIVE needs a win rate of at least this (0..1)... */
export const AGGRESSIVE_MIN_WIN_RATE = 0.6;
/** ...a drawdown of at most this, in percent, and a HEALTHY system. */
export const AGGRESSIVE_MAX_DRAWDOWN_PCT = 3;

/** The risk limits that go with each risk mode. */
export const RISK_PROFILES: Readonly<
  Record<RiskMode, Pick<TradingPolicy, 'globalMinConfidence' | 'maxRiskPerTrade' | 'maxPositions'>>
> = Object.freeze({
  AGGRESSIVE: Object.freeze({ globalMinConfidence: 0.55, maxRiskPerTrade: 0.02, maxPositions: 10 }),
  NORMAL: Object.freeze({ globalMinConfidence: 0.65, maxRiskPerTrade: 0.01, maxPositions: 6 }),
  DEFENSIVE: Object.freeze({ globalMinConfidence: 0.8, maxRiskPerTrade: 0.005, maxPositions: 2 }),
});

/** The policy MSC AI wants: every field but the version, which the store assigns. */
export type PolicyDecision = Omit<TradingPolicy, 'version'>;

/** The risk mode for `snapshot`: DEFENSIVE when health is CRITICAL or drawdown is deep, AGGRESSIVE when all is well. */
export function decideRiskMode(snapshot: MarketSnapshot): RiskMode {
  if (snapshot.health === 'CRITICAL' || snapshot.drawdownPct >= DEFENSIVE_DRAWDOWN_PCT) return 'DEFENSIVE';
  if (
    snapshot.health === 'HEALTHY' &&
    snapshot.winRate >= AGGRESSIVE_MIN_WIN_RATE &&
    snapshot.drawdownPct <= AGGRESSIVE_MAX_DRAWDOWN_PCT
  ) {
    return 'AGGRESSIVE';
  }
  return 'NORMAL';
}

/**
 * MSC AI's rule, as a pure function: the policy for `snapshot`, keeping the current policy's
 * allowed strategies and applying the risk profile of the decided mode.
 */
export function decidePolicy(current: TradingPolicy, snapshot: MarketSnapshot): PolicyDecision {
  const riskMode = decideRiskMode(snapshot);
  return { riskMode, allowedStrategies: current.allowedStrategies, ...RISK_PROFILES[riskMode] };
}

/** True if applying `decision` to `current` would change anything. */
export function isPolicyChange(current: TradingPolicy, decision: PolicyDecision): boolean {
  return (
    current.riskMode !== decision.riskMode ||
    current.globalMinConfidence !== decision.globalMinConfidence ||
    current.maxRiskPerTrade !== decision.maxRiskPerTrade ||
    current.maxPositions !== decision.maxPositions ||
    current.allowedStrategies.length !== decision.allowedStrategies.length ||
    current.allowedStrategies.some((strategy, index) => strategy !== decision.allowedStrategies[index])
  );
}
