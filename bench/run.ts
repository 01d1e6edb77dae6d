// `npm run bench [-- --quick] [--rounds N] [--clock wall|cpu] [--only id,id] [--peers id,id] [--out dir]`: runs the
// scenarios with every peer in interleaved rounds, prints the Markdown table, and writes
// <out>/latest.json and <out>/latest.md (full scale also docs/readme/bench.md).
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadPeers } from './peers/all-peers.js';
import { describeMachine } from './report/machine.js';
import { renderMarkdown } from './report/markdown.js';
import { Progress } from './report/progress.js';
import type { BenchResults, ScenarioResult } from './report/results.js';
import { evaluateTargets } from './report/targets.js';
import { buildScenarios } from './scenarios/catalog.js';
import type { Peer } from './peers/peer.js';
import { checkPeers } from './scenarios/check-peers.js';
import { runRedisBench } from './scenarios/redis-transport.js';
import { runScenario } from './scenarios/run-scenario.js';
import type { Scenario } from './scenarios/scenario.js';

const MIN_ROUNDS = 5;
const ROOT = new URL('../', import.meta.url);

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    rounds: { type: 'string' },
    only: { type: 'string' },
    peers: { type: 'string' },
    out: { type: 'string' },
    clock: { type: 'string', default: 'wall' },
    'no-redis': { type: 'boolean', default: false },
  },
});
const scale = args.quick ? 'quick' : 'full';
const clock = args.clock === 'cpu' ? 'cpu' : 'wall';
if (args.clock !== 'cpu' && args.clock !== 'wall')
  throw new Error(`--clock must be wall or cpu, got ${args.clock}`);
const rounds = Number(args.rounds ?? MIN_ROUNDS);
// Quick runs are short, so the JIT needs more of them to settle.
const warmupRounds = args.quick ? 2 : 1;
const list = (text: string | undefined): string[] | undefined => text?.split(',').map((item) => item.trim());
const onlyScenarios = list(args.only);
const onlyPeers = list(args.peers);
const outDir =
  args.out ?? fileURLToPath(new URL(args.quick ? 'bench/results/quick.tmp/' : 'bench/results/', ROOT));

const progress = new Progress();
const notes: string[] = [];
const note = (message: string): void => {
  notes.push(message);
  progress.note(`note: ${message}`);
};
if (!Number.isInteger(rounds) || rounds < 1)
  throw new Error(`--rounds must be a positive integer, got ${args.rounds}`);
if (rounds < MIN_ROUNDS) note(`${rounds} rounds only (the published figures use at least ${MIN_ROUNDS})`);

const catalog = await loadPeers();
for (const { id, reason } of catalog.unavailable) note(`${id} left out: ${reason}`);
const selected = catalog.peers.filter(
  (peer) => peer.id === 'baseline' || onlyPeers === undefined || onlyPeers.includes(peer.id),
);

progress.update('conformance', `checking that the ${selected.length} peers do the same work`);
const conforming = await checkPeers(selected, (peer, reason) => note(`${peer.id} left out: ${reason}`));

/** The peers that can run `scenario`, baseline first, and why the others are left out. */
function peersFor(scenario: Scenario): { peers: Peer[]; skipped: string[] } {
  const chosen: Peer[] = [];
  const skipped: string[] = [];
  const wildcards =
    scenario.kind === 'throughput' && scenario.spec.selectors.some((selector) => selector.includes('*'));
  for (const id of scenario.peers) {
    const peer = conforming.find((candidate) => candidate.id === id);
    if (peer === undefined) continue;
    if (wildcards && !peer.supportsWildcards) skipped.push(`${peer.name} (no wildcard subscriptions)`);
    else chosen.push(peer);
  }
  return { peers: chosen, skipped };
}

const scenarios = buildScenarios(scale).filter(
  (scenario) => onlyScenarios === undefined || onlyScenarios.includes(scenario.id),
);
const scenarioResults: ScenarioResult[] = [];
for (const [index, scenario] of scenarios.entries()) {
  const { peers, skipped } = peersFor(scenario);
  if (peers[0]?.id !== 'baseline') throw new Error(`the baseline cannot run ${scenario.id}`);
  const result = await runScenario(scenario, peers, {
    rounds: scenario.kind === 'memory' ? scenario.spec.repeats : rounds,
    warmupRounds,
    progress,
    label: `scenario ${index + 1}/${scenarios.length}`,
    clock,
  });
  scenarioResults.push({ ...result, skipped });
}

progress.update('redis', 'Redis Streams transport');
const redis = args['no-redis'] ? { skipped: '--no-redis was given' } : await runRedisBench(scale);
if ('skipped' in redis) note(`Redis figures skipped: ${redis.skipped}`);
progress.done();

const results: BenchResults = {
  generatedAt: new Date().toISOString(),
  scale,
  clock,
  rounds,
  warmupRounds,
  machine: describeMachine(),
  scenarios: scenarioResults,
  targets: evaluateTargets(scenarioResults),
  notes,
  redis,
};
const markdown = renderMarkdown(results);
await mkdir(outDir, { recursive: true });
await writeFile(new URL('latest.json', `file://${outDir}/`), `${JSON.stringify(results, null, 2)}\n`);
await writeFile(new URL('latest.md', `file://${outDir}/`), `# Benchmark results\n\n${markdown}`);
if (scale === 'full' && onlyScenarios === undefined && onlyPeers === undefined) {
  await writeFile(
    new URL('docs/readme/bench.md', ROOT),
    `## Benchmarks\n\n\`npm run bench\` (\`-- --quick\` for a one-minute run) measures the in-memory bus beside the event libraries people pick instead.\n\n${markdown}`,
  );
}
process.stdout.write(markdown);
process.stderr.write(`results written to ${outDir}\n`);
const failed = scenarioResults.some((scenario) => scenario.peers.some((peer) => peer.error !== undefined));
if (failed) process.exitCode = 1;
