import { execFile } from 'node:child_process';
import { access } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { RedisBenchmarkResult } from '../redis/redis-bench.js';
import type { Scale } from './catalog.js';

const run = promisify(execFile);
const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ENTRY = 'bench/redis/run.ts';

const exists = (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false,
  );

/**
 * Runs the Redis transport's own bench (bench/redis/run.ts, which starts a private redis-server) in
 * a child process and returns its figures with their Markdown, or why it was skipped.
 */
export async function runRedisBench(
  scale: Scale,
): Promise<{ skipped: string } | { markdown: string; data: RedisBenchmarkResult }> {
  if (!(await exists(`${PROJECT_ROOT}${ENTRY}`))) return { skipped: `${ENTRY} does not exist` };
  const server = await run('sh', ['-c', 'command -v redis-server']).then(
    ({ stdout }) => stdout.trim(),
    () => '',
  );
  if (server === '') return { skipped: 'no redis-server on PATH' };
  try {
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', ENTRY, '--json', ...(scale === 'quick' ? ['--quick'] : [])],
      { cwd: PROJECT_ROOT, maxBuffer: 16 << 20 },
    );
    const data = JSON.parse(stdout) as RedisBenchmarkResult;
    const { renderRedisBenchmark } = await import('../redis/redis-bench.js');
    return { markdown: renderRedisBenchmark(data).trim(), data };
  } catch (error) {
    return {
      skipped: `${ENTRY} failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    };
  }
}
