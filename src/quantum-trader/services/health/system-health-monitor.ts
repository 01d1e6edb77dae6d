import { inject, injectable } from 'inversify';
import type { EventBus } from '../../../core/index.js';
import { QT_TYPES } from '../../container/qt-types.js';
import { HealthStatusChangedEvent } from '../../events/health-status-changed-event.js';
import type { HealthStatus } from '../../events/payloads.js';
import type { QuantumTraderEvents } from '../../events/quantum-trader-events.js';
import { SerialRunner } from '../serial-runner.js';
import { computeHealthStatus, type HealthAssessment, type HealthMetrics } from './compute-health-status.js';

/** What {@link SystemHealthMonitor.report} concluded. */
export interface HealthReport extends HealthAssessment {
  /** True if the status changed and `health.status_changed` was published. */
  readonly changed: boolean;
}

/**
 * The System Health Monitor: turns metrics into HEALTHY / DEGRADED / CRITICAL with
 * {@link computeHealthStatus} and publishes `health.status_changed` when the status changes.
 *
 * Guarantees: one event per change, none while the status holds; if publishing fails the status
 * is not updated, so the next report publishes the change again. Reports run one at a time.
 */
@injectable()
export class SystemHealthMonitor {
  readonly #serial = new SerialRunner();
  #status: HealthStatus = 'HEALTHY';

  constructor(@inject(QT_TYPES.EventBus) private readonly bus: EventBus<QuantumTraderEvents>) {}

  /** The last published status (HEALTHY until the first change). */
  get status(): HealthStatus {
    return this.#status;
  }

  /** Assesses `metrics`; publishes `health.status_changed` if the status differs from the last one. */
  report(metrics: HealthMetrics): Promise<HealthReport> {
    return this.#serial.run(async () => {
      const { status, reasons } = computeHealthStatus(metrics);
      const previousStatus = this.#status;
      if (status === previousStatus) return { status, reasons, changed: false };
      await this.bus.publish(new HealthStatusChangedEvent({ status, previousStatus, reasons }));
      this.#status = status;
      return { status, reasons, changed: true };
    });
  }
}
