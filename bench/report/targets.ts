import type { PeerResult, ScenarioResult, TargetResult } from './results.js';
import { median } from './stats.js';

const BUS = 'bus';
const SYNC = 'bus-sync-causation';

function find(scenarios: readonly ScenarioResult[], scenario: string, peer: string): PeerResult | undefined {
  const result = scenarios.find((candidate) => candidate.id === scenario)?.peers.find((p) => p.peer === peer);
  return result?.error === undefined ? result : undefined;
}

/** Median over rounds of `a`'s figure divided by `b`'s figure of the same round. */
function relative(a: PeerResult | undefined, b: PeerResult | undefined): number | undefined {
  if (a === undefined || b === undefined || a.values.length === 0) return undefined;
  return median(a.values.map((value, round) => value / (b.values[round] ?? Number.NaN)));
}

function check(target: string, limit: number, measured: number | undefined, unit = '×'): TargetResult {
  const shown = (value: number): string =>
    unit === '×' ? `${value.toFixed(2)}×` : `${value.toFixed(0)} ${unit}`;
  return {
    target,
    limit: `≤ ${shown(limit)}`,
    measured: measured === undefined || Number.isNaN(measured) ? 'not measured' : shown(measured),
    met: measured === undefined || Number.isNaN(measured) ? undefined : measured <= limit,
  };
}

function ratioOf(scenarios: readonly ScenarioResult[], scenario: string, peer = BUS): number | undefined {
  return find(scenarios, scenario, peer)?.ratio.median;
}

/** Whether our bus is ahead of EventEmitter2 and emittery in every scenario both ran in. */
function aheadOfPeers(scenarios: readonly ScenarioResult[]): TargetResult {
  const behind: string[] = [];
  let compared = 0;
  for (const scenario of scenarios) {
    const ours = find(scenarios, scenario.id, BUS);
    for (const peer of ['eventemitter2', 'emittery']) {
      const theirs = find(scenarios, scenario.id, peer);
      if (ours === undefined || theirs === undefined) continue;
      compared += 1;
      if (ours.value.median >= theirs.value.median) behind.push(`${scenario.id} vs ${peer}`);
    }
  }
  return {
    target: 'ahead of EventEmitter2 emitAsync and emittery in every scenario',
    limit: 'lower figure everywhere',
    measured:
      compared === 0
        ? 'not measured'
        : behind.length === 0
          ? `ahead in all ${compared} comparisons`
          : `behind: ${behind.join(', ')}`,
    met: compared === 0 ? undefined : behind.length === 0,
  };
}

/** The targets of issue 8 (and the overhead budgets of issues 4 and 5), checked against the figures. */
export function evaluateTargets(scenarios: readonly ScenarioResult[]): TargetResult[] {
  const oneByOne = ratioOf(scenarios, 'one-type-one-handler');
  const thousandTypes = ratioOf(scenarios, 'thousand-types');
  const vsBus = (peer: string, scenario = 'one-type-one-handler'): number | undefined =>
    relative(find(scenarios, scenario, peer), find(scenarios, scenario, BUS));
  return [
    check('1 type × 1 handler, to the baseline', 1.5, oneByOne),
    check('1 type × 1 handler, trackCausation: false', 1.5, ratioOf(scenarios, 'one-type-one-handler', SYNC)),
    check('1 type × 10 handlers, to the baseline', 1.3, ratioOf(scenarios, 'one-type-ten-handlers')),
    check(
      '1 type × 10 handlers, trackCausation: false',
      1.3,
      ratioOf(scenarios, 'one-type-ten-handlers', SYNC),
    ),
    check(
      '1,000 types, to our 1-type figure',
      1.1,
      thousandTypes === undefined || oneByOne === undefined ? undefined : thousandTypes / oneByOne,
    ),
    check('exact type beside 1,000 patterns, to the baseline', 1.5, ratioOf(scenarios, 'thousand-patterns')),
    check('p99 latency at 20k events/s, to the baseline', 2, ratioOf(scenarios, 'latency-20k')),
    check('p99 latency at 20k events/s, trackCausation: false', 2, ratioOf(scenarios, 'latency-20k', SYNC)),
    check(
      'bytes retained per queued event, event included',
      200,
      find(scenarios, 'retained-memory', BUS)?.value.median,
      'B',
    ),
    check('@OnEvent handlers, to subscribe()', 1.05, vsBus('bus-on-event')),
    check('retry and dead letters configured, untriggered, to the plain bus', 1.1, vsBus('bus-retry-dlq')),
    check('inspector attached, to the plain bus (issue 5)', 1.1, vsBus('bus-inspector')),
    check(
      'inspector attached, to the bus in a process listening on HTTP (issue 5)',
      1.1,
      relative(
        find(scenarios, 'one-type-one-handler', 'bus-inspector'),
        find(scenarios, 'one-type-one-handler', 'bus-http'),
      ),
    ),
    aheadOfPeers(scenarios),
  ];
}
