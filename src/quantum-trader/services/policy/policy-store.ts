import type { TradingPolicy } from '../../events/payloads.js';

/** The fields of a policy that can be changed; the store sets `version`. */
export type PolicyChanges = Partial<Omit<TradingPolicy, 'version'>>;

/** Where the global trading policy lives (Redis, a database, memory). */
export interface PolicyStore {
  /** The policy in force. */
  read(): Promise<TradingPolicy>;
  /**
   * Applies `changes` to the policy in force and bumps its version by one; resolves with the new
   * policy once it is stored. Rejects, storing nothing, if the write fails.
   */
  update(changes: PolicyChanges): Promise<TradingPolicy>;
}
