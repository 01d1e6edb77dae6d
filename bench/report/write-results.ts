import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { renderMarkdown } from './markdown.js';
import type { BenchResults } from './results.js';

const README_INTRO = `\`npm run bench\` measures the in-memory bus beside what people pick instead: a bare
array-queue loop (the limit of the design), node's EventEmitter, EventEmitter2 and emittery. Each
peer awaits async handlers, isolates their errors and delivers every event to every handler once;
a run that loses or duplicates an event is reported as an error, not a figure. Each peer runs in
its own process (AsyncLocalStorage switches on promise hooks for a whole process on Node 20), on
the \`tsc\` output, in interleaved rounds after a warm-up. \`npm run bench -- --quick\` takes under
a minute; \`--clock cpu\` times CPU instead of elapsed time on a busy machine.

On Node 20 the causation scope (AsyncLocalStorage) is the largest single cost: the baseline with a
scope per handler is the floor for any bus that keeps causation ids across \`await\`, and the
\`trackCausation: false\` row shows ours without it.`;

/**
 * Writes `latest.json` and `latest.md` into `outDir`, and, when given, the README section
 * (`docs/readme/bench.md`). Returns the Markdown.
 */
export async function writeResults(
  results: BenchResults,
  outDir: string,
  readmeSection?: string,
): Promise<string> {
  const markdown = renderMarkdown(results);
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  await writeFile(join(outDir, 'latest.md'), `# Benchmark results\n\n${markdown}`);
  if (readmeSection !== undefined) {
    // Formatted as `npm run lint` (prettier --check) expects the README's sources to be.
    const section = `## Benchmarks\n\n${README_INTRO}\n\n${markdown}`;
    const options = { ...(await resolveConfig(readmeSection)), parser: 'markdown' };
    await writeFile(readmeSection, await format(section, options));
  }
  return markdown;
}
