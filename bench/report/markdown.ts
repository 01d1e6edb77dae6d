import type { BenchResults, PeerResult, ScenarioResult } from './results.js';
import type { Summary } from './stats.js';

const BASELINE = 'baseline';

function formatValue(value: number, unit: string): string {
  if (Number.isNaN(value)) return '–';
  if (unit.startsWith('ns')) return `${value < 100 ? value.toFixed(1) : value.toFixed(0)} ns`;
  if (unit.startsWith('µs')) return `${value < 10 ? value.toFixed(2) : value.toFixed(1)} µs`;
  return `${value.toFixed(0)} B`;
}

const ratio = (value: number): string => `${value.toFixed(2)}×`;

function cell(scenario: ScenarioResult, result: PeerResult | undefined): string {
  if (result === undefined) return '–';
  if (result.error !== undefined) return '**error**';
  if (result.peer === BASELINE) return `1.00 (${formatValue(result.value.median, scenario.unit)})`;
  const { median, min, max } = result.ratio;
  return `${ratio(median)} (${min.toFixed(2)}–${max.toFixed(2)})`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[], align: string): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `|${align}${'---:|'.repeat(header.length - 1)}`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ];
}

function peerRows(scenarios: readonly ScenarioResult[]): { peer: string; name: string }[] {
  const rows = new Map<string, string>();
  for (const scenario of scenarios) for (const { peer, name } of scenario.peers) rows.set(peer, name);
  return [...rows].map(([peer, name]) => ({ peer, name }));
}

function ratioTable(scenarios: readonly ScenarioResult[]): string[] {
  const header = ['', ...scenarios.map((scenario) => scenario.column)];
  const rows = peerRows(scenarios).map(({ peer, name }) => [
    name,
    ...scenarios.map((scenario) =>
      cell(
        scenario,
        scenario.peers.find((result) => result.peer === peer),
      ),
    ),
  ]);
  return table(header, rows, '---|');
}

function latencyTable(scenario: ScenarioResult): string[] {
  const detail = (summary: Summary | undefined, digits: number): string =>
    summary === undefined ? '–' : summary.median.toFixed(digits);
  const rows = scenario.peers.map((result) => [
    result.name,
    detail(result.details?.['p50Us'], 2),
    detail(result.details?.['p99Us'], 2),
    detail(result.details?.['maxUs'], 0),
    detail(result.details?.['offeredPerSecond'], 0),
  ]);
  return table(['', 'p50 µs', 'p99 µs', 'max µs', 'offered events/s'], rows, '---|');
}

function absoluteTable(scenarios: readonly ScenarioResult[]): string[] {
  const header = ['', ...scenarios.map((scenario) => `${scenario.column} (${scenario.unit})`)];
  const rows = peerRows(scenarios).map(({ peer, name }) => [
    name,
    ...scenarios.map((scenario) => {
      const result = scenario.peers.find((candidate) => candidate.peer === peer);
      return result === undefined || result.error !== undefined
        ? '–'
        : formatValue(result.value.median, scenario.unit);
    }),
  ]);
  return table(header, rows, '---|');
}

function scaleText(scenario: ScenarioResult): string {
  return Object.entries(scenario.scale)
    .map(([key, value]) => `${key} ${value.toLocaleString('en-US')}`)
    .join(', ');
}

/** The results as Markdown: the ratio table, the machine, the details, the targets and the notes. */
export function renderMarkdown(results: BenchResults): string {
  const { machine } = results;
  const latency = results.scenarios.find((scenario) => scenario.kind === 'latency');
  const lines = [
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, ${machine.os}; Node ${machine.node} (V8 ${machine.v8}).`,
    `Run: ${results.scale} scale, ${results.rounds} interleaved rounds after ${results.warmupRounds} warm-up, each peer in its own process running ${results.runtime === 'compiled' ? 'the `tsc` output' : 'the sources through tsx'}, commit ${results.revision}, ${results.generatedAt.slice(0, 10)}.`,
    '',
    'Each cell is the median over rounds of the figure divided by the bare baseline of the same round',
    '(lower is better), with the smallest and largest ratio across rounds; the baseline row shows its',
    `own figure. Throughput figures are ${results.clock === 'cpu' ? "the process's CPU time (user + system, GC and compiler threads included)" : 'elapsed time'} per event and include building it.`,
    '',
    ...ratioTable(results.scenarios),
    '',
    '### Targets (issue 8)',
    '',
    ...table(
      ['target', 'limit', 'measured', 'met'],
      results.targets.map((target) => [
        target.target,
        target.limit,
        target.measured,
        target.met === undefined ? '–' : target.met ? 'yes' : '**no**',
      ]),
      '---|',
    ),
    '',
    '### Absolute medians',
    '',
    ...absoluteTable(results.scenarios),
    ...(latency === undefined
      ? []
      : [
          '',
          `### Latency at ${latency.scale['ratePerSecond']?.toLocaleString('en-US')} events/s`,
          '',
          ...latencyTable(latency),
        ]),
    '',
    '### Scenarios',
    '',
    ...results.scenarios.map(
      (scenario) =>
        `- **${scenario.column}** (\`${scenario.id}\`): ${scenario.description} ${scaleText(scenario)}.` +
        (scenario.skipped.length > 0 ? ` Left out: ${scenario.skipped.join('; ')}.` : ''),
    ),
  ];
  const errors = results.scenarios.flatMap((scenario) =>
    scenario.peers
      .filter((peer) => peer.error !== undefined)
      .map((peer) => `- ${scenario.id} / ${peer.name}: ${peer.error}`),
  );
  if (errors.length > 0)
    lines.push('', '### Errors (these runs lost or duplicated events; they have no figure)', '', ...errors);
  if (results.notes.length > 0) lines.push('', '### Notes', '', ...results.notes.map((note) => `- ${note}`));
  lines.push('', '### Redis Streams transport', '');
  if ('skipped' in results.redis) lines.push(`Skipped: ${results.redis.skipped}.`);
  else lines.push(results.redis.markdown);
  return `${lines.join('\n')}\n`;
}
