import type { Progress } from '../report/progress.js';
import type { PeerResult, ScenarioResult } from '../report/results.js';
import { type Summary, summarize } from '../report/stats.js';
import { measureRetainedMemory } from './retained-memory.js';
import { type Scenario, unitOf } from './scenario.js';
import type { Peer } from '../peers/peer.js';
import type { ChildRuntime } from './child-runtime.js';
import { type PeerWorker, startWorkers } from './peer-worker-client.js';
import type { Clock, Figure } from './worker-protocol.js';

/** How a scenario is run. */
export interface RoundOptions {
  readonly rounds: number;
  readonly warmupRounds: number;
  readonly progress: Progress;
  /** e.g. "scenario 2/6", for the progress line. */
  readonly label: string;
  /** Which time throughput figures are. */
  readonly clock: Clock;
  /** How the peers' processes are started. */
  readonly runtime: ChildRuntime;
}

interface Series {
  readonly peer: Peer;
  readonly worker: PeerWorker | undefined;
  readonly figures: Figure[];
  error?: string;
}

function measureRound(scenario: Scenario, worker: PeerWorker, clock: Clock): Promise<Figure> {
  switch (scenario.kind) {
    case 'throughput':
      return worker.run({ kind: 'throughput', spec: scenario.spec, clock });
    case 'latency':
      return worker.run({ kind: 'latency', spec: scenario.spec });
    case 'memory':
      throw new Error('memory scenarios are measured in a child process, not in rounds');
  }
}

/** Warm-up rounds, then rounds A B C, A B C, ...: each figure is compared with the baseline of its round. */
async function runInterleaved(scenario: Scenario, series: Series[], options: RoundOptions): Promise<void> {
  const total = options.warmupRounds + options.rounds;
  for (let round = 0; round < total; round += 1) {
    const warmup = round < options.warmupRounds;
    const roundLabel = warmup
      ? `warm-up ${round + 1}/${options.warmupRounds}`
      : `round ${round - options.warmupRounds + 1}/${options.rounds}`;
    for (const entry of series) {
      if (entry.error !== undefined || entry.worker === undefined) continue;
      options.progress.update(`${options.label} ${scenario.id}`, `${roundLabel} · ${entry.peer.id}`);
      try {
        const figure = await measureRound(scenario, entry.worker, options.clock);
        if (!warmup) entry.figures.push(figure);
      } catch (error) {
        entry.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        options.progress.note(`  ${scenario.id} / ${entry.peer.id}: ${entry.error}`);
      }
    }
  }
}

/** Heap figures do not depend on CPU time, so every peer's child process runs at once. */
async function runInChildren(
  scenario: Scenario & { kind: 'memory' },
  series: Series[],
  options: RoundOptions,
): Promise<void> {
  options.progress.update(
    `${options.label} ${scenario.id}`,
    `${scenario.spec.repeats} repeats · ${series.length} child processes`,
  );
  await Promise.all(
    series.map(async (entry) => {
      try {
        const values = await measureRetainedMemory(entry.peer, scenario.spec, options.runtime);
        entry.figures.push(...values.map((value) => ({ value })));
      } catch (error) {
        entry.error = error instanceof Error ? error.message.split('\n').slice(-3).join(' ') : String(error);
        options.progress.note(`  ${scenario.id} / ${entry.peer.id}: ${entry.error}`);
      }
    }),
  );
}

function summarizeDetails(figures: readonly Figure[]): Record<string, Summary> | undefined {
  const first = figures[0]?.details;
  if (first === undefined) return undefined;
  return Object.fromEntries(
    Object.keys(first).map((key) => [
      key,
      summarize(figures.map((figure) => figure.details?.[key] ?? Number.NaN)),
    ]),
  );
}

/**
 * Runs one scenario for `peers` (the first is the baseline) and summarises each peer's figures.
 * Each peer gets a fresh worker process for the scenario, so one scenario's JIT feedback and heap
 * do not carry over into the next.
 */
export async function runScenario(
  scenario: Scenario,
  peers: readonly Peer[],
  options: RoundOptions,
): Promise<ScenarioResult> {
  if (scenario.kind === 'memory') {
    const series: Series[] = peers.map((peer) => ({ peer, worker: undefined, figures: [] }));
    await runInChildren(scenario, series, options);
    return summarizeScenario(scenario, series);
  }
  options.progress.update(`${options.label} ${scenario.id}`, `starting ${peers.length} worker processes`);
  const workers = await startWorkers(peers, options.runtime);
  const series: Series[] = peers.map((peer, index) => {
    const worker = workers[index];
    return worker instanceof Error
      ? { peer, worker: undefined, figures: [], error: worker.message }
      : { peer, worker, figures: [] };
  });
  try {
    await runInterleaved(scenario, series, options);
  } finally {
    for (const worker of workers) if (!(worker instanceof Error)) worker.close();
  }
  return summarizeScenario(scenario, series);
}

function summarizeScenario(scenario: Scenario, series: readonly Series[]): ScenarioResult {
  const baseline = series[0]?.figures ?? [];
  const results: PeerResult[] = series.map(({ peer, figures, error }) => {
    const values = figures.map((figure) => figure.value);
    const ratios =
      error === undefined ? values.map((value, round) => value / (baseline[round]?.value ?? Number.NaN)) : [];
    const details = summarizeDetails(figures);
    return {
      peer: peer.id,
      name: peer.name,
      values,
      ratios,
      value: summarize(values),
      ratio: summarize(ratios),
      ...(details === undefined ? {} : { details }),
      ...(error === undefined ? {} : { error }),
    };
  });
  return {
    id: scenario.id,
    kind: scenario.kind,
    column: scenario.column,
    description: scenario.description,
    unit: unitOf(scenario),
    scale: scaleOf(scenario),
    peers: results,
    skipped: [],
  };
}

function scaleOf(scenario: Scenario): Record<string, number> {
  switch (scenario.kind) {
    case 'throughput':
      return {
        events: scenario.spec.events,
        types: scenario.spec.types.length,
        subscriptions: scenario.spec.selectors.length,
        burst: scenario.spec.burst,
      };
    case 'latency':
      return { ratePerSecond: scenario.spec.ratePerSecond, durationMs: scenario.spec.durationMs };
    case 'memory':
      return { events: scenario.spec.events, repeats: scenario.spec.repeats };
  }
}
