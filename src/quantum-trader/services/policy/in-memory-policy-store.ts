import type { TradingPolicy } from '../../events/payloads.js';
import type { PolicyChanges, PolicyStore } from './policy-store.js';

/** The policy a new store starts from: NORMAL risk, version 1. */
export const DEFAULT_TRADING_POLICY: TradingPolicy = Object.freeze({
  riskMode: 'NORMAL',
  allowedStrategies: Object.freeze(['trend-following', 'mean-reversion']),
  globalMinConfidence: 0.65,
  maxRiskPerTrade: 0.01,
  maxPositions: 6,
  version: 1,
});

/** A {@link PolicyStore} in memory, for tests and the demo. Policies it returns are frozen. */
export class InMemoryPolicyStore implements PolicyStore {
  #policy: TradingPolicy;

  /** @param initial - the starting policy. @defaultValue {@link DEFAULT_TRADING_POLICY} */
  constructor(initial: TradingPolicy = DEFAULT_TRADING_POLICY) {
    this.#policy = Object.freeze({ ...initial });
  }

  read(): Promise<TradingPolicy> {
    return Promise.resolve(this.#policy);
  }

  update(changes: PolicyChanges): Promise<TradingPolicy> {
    this.#policy = Object.freeze({ ...this.#policy, ...changes, version: this.#policy.version + 1 });
    return Promise.resolve(this.#policy);
  }
}
