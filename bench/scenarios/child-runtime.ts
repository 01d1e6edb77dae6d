import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** How the bench starts the child processes that run the peers. */
export interface ChildRuntime {
  /** What the children run: the compiled JavaScript (as users run the package) or the TypeScript sources. */
  readonly kind: 'compiled' | 'source';
  /** The file to run for `modulePath`, a module path from the project root without extension. */
  script(modulePath: string): string;
  /** Node options for the child, besides its own (e.g. --expose-gc). */
  readonly execArgv: readonly string[];
  readonly cwd: string;
  /** Removes what it built, if anything. */
  dispose(): Promise<void>;
}

/** Runs the TypeScript sources through tsx: no build step, but tsx's transform differs from `tsc`'s output. */
export const SOURCE_RUNTIME: ChildRuntime = {
  kind: 'source',
  script: (modulePath) => join(PROJECT_ROOT, `${modulePath}.ts`),
  execArgv: ['--import', 'tsx'],
  cwd: PROJECT_ROOT,
  dispose: () => Promise.resolve(),
};

async function copyAssets(directory: string, outDir: string): Promise<void> {
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const path = join(directory, entry.name);
    if (entry.name === 'assets')
      await cp(path, join(outDir, relative(PROJECT_ROOT, path)), { recursive: true });
    else await copyAssets(path, outDir);
  }
}

/**
 * Compiles the project with `tsc` into a temporary directory (with the inspector's assets) and runs
 * the children on that JavaScript, as users run the package. tsx would run the sources with
 * esbuild's `keepNames`, which adds a call per closure created on a hot path (instrumentation hooks).
 */
export async function compileRuntime(): Promise<ChildRuntime> {
  const outDir = await mkdtemp(join(tmpdir(), 'quantum-eventbus-bench-'));
  const tsc = join(PROJECT_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const options = ['--noEmit', 'false', '--outDir', outDir, '--declaration', 'false', '--sourceMap', 'false'];
  await run(process.execPath, [tsc, '-p', join(PROJECT_ROOT, 'tsconfig.json'), ...options], {
    cwd: PROJECT_ROOT,
    maxBuffer: 16 << 20,
  });
  await copyAssets(join(PROJECT_ROOT, 'src'), outDir);
  // ES modules resolve packages from the importing file's directories (NODE_PATH does not apply),
  // and need "type": "module" to be loaded as such.
  await symlink(join(PROJECT_ROOT, 'node_modules'), join(outDir, 'node_modules'), 'dir');
  await writeFile(join(outDir, 'package.json'), '{ "type": "module" }\n');
  return {
    kind: 'compiled',
    script: (modulePath) => join(outDir, `${modulePath}.js`),
    execArgv: [],
    cwd: PROJECT_ROOT,
    dispose: () => rm(outDir, { recursive: true, force: true }),
  };
}
