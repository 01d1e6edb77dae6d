import { expect } from 'chai';
import { computeHealthStatus, HEALTH_THRESHOLDS } from '../../../../src/quantum-trader/index.js';
import { CRITICAL_METRICS, DEGRADED_METRICS, HEALTHY_METRICS } from '../../builders.js';

describe('computeHealthStatus()', () => {
  it('is HEALTHY, without reasons, when every metric is within its degraded threshold', () => {
    expect(computeHealthStatus(HEALTHY_METRICS)).to.deep.equal({ status: 'HEALTHY', reasons: [] });
    const atThresholds = {
      exchangeLatencyMs: HEALTH_THRESHOLDS.degradedLatencyMs,
      errorRatePct: HEALTH_THRESHOLDS.degradedErrorRatePct,
      dataFeedLagMs: HEALTH_THRESHOLDS.degradedFeedLagMs,
    };
    expect(computeHealthStatus(atThresholds).status).to.equal('HEALTHY');
  });

  it('is DEGRADED when a metric passes its degraded threshold, naming it', () => {
    expect(computeHealthStatus(DEGRADED_METRICS)).to.deep.equal({
      status: 'DEGRADED',
      reasons: ['exchange latency 800 ms > 500 ms'],
    });
  });

  it('is CRITICAL when any metric passes its critical threshold; the worst metric wins', () => {
    expect(computeHealthStatus(CRITICAL_METRICS)).to.deep.equal({
      status: 'CRITICAL',
      reasons: ['exchange latency 2400 ms > 1500 ms', 'error rate 12 % > 10 %'],
    });
    expect(computeHealthStatus({ ...DEGRADED_METRICS, dataFeedLagMs: 60_000 }).status).to.equal('CRITICAL');
  });

  it('applies thresholds given by the caller', () => {
    const strict = { ...HEALTH_THRESHOLDS, degradedLatencyMs: 100 };
    expect(computeHealthStatus(HEALTHY_METRICS, strict).status).to.equal('DEGRADED');
  });
});
