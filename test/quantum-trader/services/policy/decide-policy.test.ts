import { expect } from 'chai';
import {
  DEFAULT_TRADING_POLICY,
  decidePolicy,
  decideRiskMode,
  DEFENSIVE_DRAWDOWN_PCT,
  isPolicyChange,
  NEUTRAL_MARKET_SNAPSHOT,
  RISK_PROFILES,
} from '../../../../src/quantum-trader/index.js';

describe('decidePolicy()', () => {
  it('switches to DEFENSIVE with its risk profile when health is CRITICAL', () => {
    const decision = decidePolicy(DEFAULT_TRADING_POLICY, { ...NEUTRAL_MARKET_SNAPSHOT, health: 'CRITICAL' });
    expect(decision).to.deep.equal({
      riskMode: 'DEFENSIVE',
      allowedStrategies: DEFAULT_TRADING_POLICY.allowedStrategies,
      ...RISK_PROFILES.DEFENSIVE,
    });
  });

  it('keeps the current allowed strategies', () => {
    const current = { ...DEFAULT_TRADING_POLICY, allowedStrategies: ['only-this'] };
    expect(decidePolicy(current, NEUTRAL_MARKET_SNAPSHOT).allowedStrategies).to.deep.equal(['only-this']);
  });
});

describe('decideRiskMode()', () => {
  it('is NORMAL for a neutral snapshot and for a DEGRADED system', () => {
    expect(decideRiskMode(NEUTRAL_MARKET_SNAPSHOT)).to.equal('NORMAL');
    expect(decideRiskMode({ ...NEUTRAL_MARKET_SNAPSHOT, health: 'DEGRADED', winRate: 0.9 })).to.equal(
      'NORMAL',
    );
  });

  it('is DEFENSIVE from the defensive drawdown up, even when healthy', () => {
    const healthy = { health: 'HEALTHY', winRate: 0.9 } as const;
    expect(decideRiskMode({ ...healthy, drawdownPct: DEFENSIVE_DRAWDOWN_PCT })).to.equal('DEFENSIVE');
    expect(decideRiskMode({ ...healthy, drawdownPct: DEFENSIVE_DRAWDOWN_PCT - 0.1 })).to.not.equal(
      'DEFENSIVE',
    );
  });

  it('is AGGRESSIVE only when healthy, winning and barely in drawdown', () => {
    expect(decideRiskMode({ health: 'HEALTHY', winRate: 0.6, drawdownPct: 3 })).to.equal('AGGRESSIVE');
    expect(decideRiskMode({ health: 'HEALTHY', winRate: 0.59, drawdownPct: 1 })).to.equal('NORMAL');
    expect(decideRiskMode({ health: 'HEALTHY', winRate: 0.7, drawdownPct: 3.5 })).to.equal('NORMAL');
  });
});

describe('isPolicyChange()', () => {
  it('is false when the decision equals the current policy, whatever its version', () => {
    const { version: _version, ...same } = DEFAULT_TRADING_POLICY;
    expect(
      isPolicyChange(DEFAULT_TRADING_POLICY, { ...same, allowedStrategies: [...same.allowedStrategies] }),
    ).to.equal(false);
  });

  it('is true when any field differs', () => {
    const { version: _version, ...same } = DEFAULT_TRADING_POLICY;
    expect(isPolicyChange(DEFAULT_TRADING_POLICY, { ...same, maxPositions: 1 })).to.equal(true);
    expect(isPolicyChange(DEFAULT_TRADING_POLICY, { ...same, allowedStrategies: ['x', 'y'] })).to.equal(true);
  });
});
