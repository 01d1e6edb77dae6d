import { inject, injectable } from 'inversify';
import type { EventBus, Logger } from '../../../core/index.js';
import { QT_TYPES } from '../../container/qt-types.js';
import type { HealthStatusChangedEvent } from '../../events/health-status-changed-event.js';
import type { TradingPolicy } from '../../events/payloads.js';
import { PolicyUpdatedEvent } from '../../events/policy-updated-event.js';
import type { QuantumTraderEvents } from '../../events/quantum-trader-events.js';
import { OnQuantumEvent } from '../on-quantum-event.js';
import { SerialRunner } from '../serial-runner.js';
import {
  decidePolicy,
  isPolicyChange,
  type MarketSnapshot,
  NEUTRAL_MARKET_SNAPSHOT,
} from './decide-policy.js';
import type { PolicyStore } from './policy-store.js';

/** What {@link MetaStrategyController.evaluate} did. */
export interface PolicyEvaluation {
  /** The policy in force afterwards. */
  readonly policy: TradingPolicy;
  /** True if a new policy was written and `policy.updated` published. */
  readonly changed: boolean;
}

/**
 * MSC AI: sets the fund's global trading policy. It decides with {@link decidePolicy}, writes the
 * result to the {@link PolicyStore}, and only then publishes `policy.updated`.
 *
 * Guarantees: `policy.updated` is published only when the policy changed, and only after the store
 * write succeeded (a failed write publishes nothing and rejects). Evaluations run one at a time.
 */
@injectable()
export class MetaStrategyController {
  readonly #serial = new SerialRunner();
  #snapshot: MarketSnapshot = NEUTRAL_MARKET_SNAPSHOT;

  constructor(
    @inject(QT_TYPES.PolicyStore) private readonly store: PolicyStore,
    @inject(QT_TYPES.EventBus) private readonly bus: EventBus<QuantumTraderEvents>,
    @inject(QT_TYPES.Logger) private readonly logger: Logger,
  ) {}

  /** The snapshot of the last evaluation. */
  get snapshot(): MarketSnapshot {
    return this.#snapshot;
  }

  /**
   * Merges `update` into the last known snapshot and re-decides the policy; if it changed, writes
   * it and publishes `policy.updated`. Resolves once the event is accepted by the bus.
   */
  evaluate(update: Partial<MarketSnapshot>): Promise<PolicyEvaluation> {
    return this.#serial.run(async () => {
      this.#snapshot = { ...this.#snapshot, ...update };
      const current = await this.store.read();
      const decision = decidePolicy(current, this.#snapshot);
      if (!isPolicyChange(current, decision)) {
        this.logger.debug({ riskMode: current.riskMode }, `Policy unchanged (${current.riskMode})`);
        return { policy: current, changed: false };
      }
      const policy = await this.store.update(decision);
      await this.bus.publish(new PolicyUpdatedEvent({ ...policy, previousRiskMode: current.riskMode }));
      this.logger.info(
        { riskMode: policy.riskMode, previousRiskMode: current.riskMode, version: policy.version },
        `Risk mode ${current.riskMode} -> ${policy.riskMode} (policy v${policy.version})`,
      );
      return { policy, changed: true };
    });
  }

  /** Re-decides the policy with the new health status: CRITICAL switches the fund to DEFENSIVE. */
  @OnQuantumEvent('health.status_changed')
  async onHealthStatusChanged(event: HealthStatusChangedEvent): Promise<void> {
    await this.evaluate({ health: event.payload.status });
  }
}
