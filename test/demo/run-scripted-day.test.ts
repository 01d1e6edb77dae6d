import { expect } from 'chai';
import { runScriptedDay, type ScriptedDayResult } from '../../src/demo/run-scripted-day.js';

const indentOf = (line: string): number => line.search(/[^ │├└─]/);

describe('runScriptedDay()', () => {
  let result: ScriptedDayResult;
  const errors: string[] = [];

  before(async () => {
    result = await runScriptedDay({}, undefined, (line) => errors.push(line));
  });

  it('sends exactly one Discord alert, for the CRITICAL health change', () => {
    expect(result.discordMessages).to.have.lengthOf(1);
    expect(result.discordMessages[0]?.content).to.contain('DEGRADED -> CRITICAL');
  });

  it('publishes exactly one policy.updated, DEFENSIVE, caused by the CRITICAL health event', () => {
    const policies = result.events.filter((event) => event.type === 'policy.updated');
    const critical = result.events.find(
      (event) => event.type === 'health.status_changed' && event.payload.status === 'CRITICAL',
    );
    expect(policies).to.have.lengthOf(1);
    expect(policies[0]?.payload).to.include({ riskMode: 'DEFENSIVE', previousRiskMode: 'NORMAL' });
    expect(policies[0]?.causationId).to.equal(critical?.id);
  });

  it('prints the CRITICAL -> DEFENSIVE chain nested under the handler that caused it', () => {
    const lines = result.lines;
    const critical = lines.findIndex((line) => line.includes('health.status_changed: DEGRADED -> CRITICAL'));
    const handler = lines.findIndex(
      (line, index) => index > critical && line.includes('MetaStrategyController.onHealthStatusChanged ✓'),
    );
    const policy = lines.findIndex((line) => line.includes('MSC AI ▶ policy.updated: NORMAL -> DEFENSIVE'));
    expect(lines[critical]).to.match(/^10:15 +System Health Monitor ▶ /);
    expect(critical).to.be.greaterThan(-1);
    expect(handler).to.equal(critical + 1);
    expect(policy).to.equal(handler + 1);
    expect(indentOf(lines[policy] ?? '')).to.be.greaterThan(indentOf(lines[handler] ?? ''));
    expect(indentOf(lines[handler] ?? '')).to.be.greaterThan(indentOf(lines[critical] ?? ''));
  });

  it('logs the strategy promotion under the handler that logged it', () => {
    const text = result.lines.join('\n');
    expect(text).to.contain(
      '       └─ StrategyPromotionLogger.onStrategyPromoted ✓\n          └─ log: Strategy Trend Rider v3 promoted to LIVE',
    );
  });

  it('plays every step of the day in order and says which events nobody handled', () => {
    const topLevel = result.lines.filter((line) => /^\d\d:\d\d /.test(line)).map((line) => line.slice(0, 5));
    expect(topLevel).to.deep.equal(['08:00', '09:30', '10:15', '10:16', '11:00']);
    expect(result.lines.join('\n')).to.contain(
      'Executor ▶ trade.executed: SELL 0.5 BTCUSDT @ 61250\n       └─ (no subscriber)',
    );
  });

  it('stops the bus gracefully with every event delivered and nothing on stderr', () => {
    expect(result.stopReport).to.deep.equal({ published: 6, delivered: 6, undelivered: [], timedOut: false });
    expect(result.lines.at(-2)).to.equal(
      'Bus stopped gracefully: 6 events published, 6 delivered, 0 undelivered.',
    );
    expect(errors).to.deep.equal([]);
  });
});
