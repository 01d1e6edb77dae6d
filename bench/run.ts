// `npm run bench [-- --quick] [--rounds N] [--clock wall|cpu] [--source] [--only id,...] [--peers id,...]
// [--out dir] [--no-redis] [--render results.json]`: runs every scenario with its peers in interleaved rounds, prints the
// Markdown, and writes <out>/latest.json and <out>/latest.md (a full run of everything also writes
// docs/readme/bench.md). Quick runs go to bench/results/quick.tmp/ unless --out says otherwise.
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadPeers } from './peers/all-peers.js';
import type { Peer } from './peers/peer.js';
import { describeMachine, describeRevision } from './report/machine.js';
import { Progress } from './report/progress.js';
import type { BenchResults, ScenarioResult } from './report/results.js';
import { evaluateTargets } from './report/targets.js';
import { writeResults } from './report/write-results.js';
import { buildScenarios } from './scenarios/catalog.js';
import { checkPeers } from './scenarios/check-peers.js';
import { type ChildRuntime, compileRuntime, SOURCE_RUNTIME } from './scenarios/child-runtime.js';
import { runRedisBench } from './scenarios/redis-transport.js';
import { runScenario } from './scenarios/run-scenario.js';
import type { Scenario } from './scenarios/scenario.js';
import type { Clock } from './scenarios/worker-protocol.js';

const MIN_ROUNDS = 5;
const projectPath = (path: string): string => fileURLToPath(new URL(`../${path}`, import.meta.url));

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    rounds: { type: 'string', default: String(MIN_ROUNDS) },
    clock: { type: 'string', default: 'wall' },
    source: { type: 'boolean', default: false },
    only: { type: 'string' },
    peers: { type: 'string' },
    out: { type: 'string' },
    'no-redis': { type: 'boolean', default: false },
    render: { type: 'string' },
  },
});

// --render <results.json>: rewrite the Markdown (and the README section) from saved figures, running nothing.
if (args.render !== undefined) {
  const saved = JSON.parse(await readFile(args.render, 'utf8')) as BenchResults;
  const complete = saved.scale === 'full';
  process.stdout.write(
    await writeResults(
      saved,
      dirname(args.render),
      complete ? projectPath('docs/readme/bench.md') : undefined,
    ),
  );
  process.exit(0);
}
const scale = args.quick ? 'quick' : 'full';
const rounds = Number(args.rounds);
if (!Number.isInteger(rounds) || rounds < 1)
  throw new Error(`--rounds must be a positive integer, got ${args.rounds}`);
if (args.clock !== 'wall' && args.clock !== 'cpu')
  throw new Error(`--clock must be wall or cpu, got ${args.clock}`);
const clock: Clock = args.clock;
// Quick runs are short, so the JIT needs more of them to settle.
const warmupRounds = args.quick ? 2 : 1;
const list = (text: string | undefined): string[] | undefined => text?.split(',').map((item) => item.trim());
const onlyScenarios = list(args.only);
const onlyPeers = list(args.peers);
const complete = scale === 'full' && onlyScenarios === undefined && onlyPeers === undefined;

const progress = new Progress();
const notes: string[] = [];
const note = (message: string): void => {
  notes.push(message);
  progress.note(`note: ${message}`);
};

/** The peers that can run `scenario`, baseline first, and why the others are left out. */
function peersFor(scenario: Scenario, conforming: readonly Peer[]): { peers: Peer[]; skipped: string[] } {
  const peers: Peer[] = [];
  const skipped: string[] = [];
  const wildcards =
    scenario.kind === 'throughput' && scenario.spec.selectors.some((selector) => selector.includes('*'));
  for (const id of scenario.peers) {
    const peer = conforming.find((candidate) => candidate.id === id);
    if (peer === undefined) continue;
    if (wildcards && !peer.supportsWildcards) skipped.push(`${peer.name} (no wildcard subscriptions)`);
    else peers.push(peer);
  }
  return { peers, skipped };
}

async function runScenarios(runtime: ChildRuntime): Promise<ScenarioResult[]> {
  const catalog = await loadPeers();
  for (const { id, reason } of catalog.unavailable) note(`${id} left out: ${reason}`);
  const selected = catalog.peers.filter(
    (peer) => peer.id === 'baseline' || onlyPeers === undefined || onlyPeers.includes(peer.id),
  );
  progress.update('conformance', `checking that the ${selected.length} peers do the same work`);
  const conforming = await checkPeers(selected, runtime, (peer, reason) =>
    note(`${peer.id} left out: ${reason}`),
  );
  const scenarios = buildScenarios(scale).filter((scenario) => onlyScenarios?.includes(scenario.id) ?? true);
  const results: ScenarioResult[] = [];
  for (const [index, scenario] of scenarios.entries()) {
    const { peers, skipped } = peersFor(scenario, conforming);
    if (peers[0]?.id !== 'baseline') throw new Error(`the baseline cannot run ${scenario.id}`);
    const result = await runScenario(scenario, peers, {
      rounds: scenario.kind === 'memory' ? scenario.spec.repeats : rounds,
      warmupRounds,
      progress,
      label: `scenario ${index + 1}/${scenarios.length}`,
      clock,
      runtime,
    });
    results.push({ ...result, skipped });
  }
  return results;
}

if (rounds < MIN_ROUNDS) note(`${rounds} rounds only (the published figures use at least ${MIN_ROUNDS})`);
progress.update('build', args.source ? 'running the TypeScript sources through tsx' : 'compiling with tsc');
const runtime = args.source ? SOURCE_RUNTIME : await compileRuntime();
let scenarioResults: ScenarioResult[];
try {
  scenarioResults = await runScenarios(runtime);
} finally {
  await runtime.dispose();
}
progress.update('redis', 'Redis Streams transport');
const redis = args['no-redis'] ? { skipped: '--no-redis was given' } : await runRedisBench(scale);
if ('skipped' in redis) note(`Redis figures skipped: ${redis.skipped}`);
progress.done();

const results: BenchResults = {
  generatedAt: new Date().toISOString(),
  revision: describeRevision(),
  scale,
  clock,
  runtime: runtime.kind,
  rounds,
  warmupRounds,
  machine: describeMachine(),
  scenarios: scenarioResults,
  targets: evaluateTargets(scenarioResults),
  notes,
  redis,
};
const outDir = args.out ?? projectPath(args.quick ? 'bench/results/quick.tmp' : 'bench/results');
const markdown = await writeResults(
  results,
  outDir,
  complete ? projectPath('docs/readme/bench.md') : undefined,
);
process.stdout.write(markdown);
process.stderr.write(`results written to ${outDir}\n`);
if (scenarioResults.some((scenario) => scenario.peers.some((peer) => peer.error !== undefined)))
  process.exitCode = 1;
