import type { HealthStatus } from '../../events/payloads.js';

/** What the System Health Monitor measures. */
export interface HealthMetrics {
  /** Round trip to the exchange, in milliseconds. */
  readonly exchangeLatencyMs: number;
  /** Share of failed orders and API calls over the last minute, in percent (0..100). */
  readonly errorRatePct: number;
  /** Age of the newest market data tick, in milliseconds. */
  readonly dataFeedLagMs: number;
}

/** The limits above which each metric makes the system DEGRADED or CRITICAL. */
export interface HealthThresholds {
  readonly degradedLatencyMs: number;
  readonly criticalLatencyMs: number;
  readonly degradedErrorRatePct: number;
  readonly criticalErrorRatePct: number;
  readonly degradedFeedLagMs: number;
  readonly criticalFeedLagMs: number;
}

/** The thresholds the monitor uses unless given others. */
export const HEALTH_THRESHOLDS: HealthThresholds = Object.freeze({
  degradedLatencyMs: 500,
  criticalLatencyMs: 1_500,
  degradedErrorRatePct: 2,
  criticalErrorRatePct: 10,
  degradedFeedLagMs: 2_000,
  criticalFeedLagMs: 10_000,
});

/** A health status with the reasons for it (empty when HEALTHY). */
export interface HealthAssessment {
  readonly status: HealthStatus;
  readonly reasons: readonly string[];
}

const SEVERITY: Readonly<Record<HealthStatus, number>> = { HEALTHY: 0, DEGRADED: 1, CRITICAL: 2 };

/**
 * The System Health Monitor's rule, as a pure function: each metric above its critical threshold
 * makes the system CRITICAL, above its degraded threshold DEGRADED; the worst one wins.
 */
export function computeHealthStatus(
  metrics: HealthMetrics,
  thresholds: HealthThresholds = HEALTH_THRESHOLDS,
): HealthAssessment {
  const checks = [
    [
      'exchange latency',
      metrics.exchangeLatencyMs,
      thresholds.degradedLatencyMs,
      thresholds.criticalLatencyMs,
      'ms',
    ],
    [
      'error rate',
      metrics.errorRatePct,
      thresholds.degradedErrorRatePct,
      thresholds.criticalErrorRatePct,
      '%',
    ],
    [
      'data feed lag',
      metrics.dataFeedLagMs,
      thresholds.degradedFeedLagMs,
      thresholds.criticalFeedLagMs,
      'ms',
    ],
  ] as const;
  let status: HealthStatus = 'HEALTHY';
  const reasons: string[] = [];
  for (const [name, value, degraded, critical, unit] of checks) {
    const metricStatus: HealthStatus =
      value > critical ? 'CRITICAL' : value > degraded ? 'DEGRADED' : 'HEALTHY';
    if (metricStatus === 'HEALTHY') continue;
    const limit = metricStatus === 'CRITICAL' ? critical : degraded;
    reasons.push(`${name} ${value} ${unit} > ${limit} ${unit}`);
    if (SEVERITY[metricStatus] > SEVERITY[status]) status = metricStatus;
  }
  return { status, reasons };
}
