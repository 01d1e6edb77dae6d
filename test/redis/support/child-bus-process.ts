// Runs a test fixture (a bus in its own Node process) and reads what it reports on stdout, one
// `<word> <value>` line each. Pipes to stdout are synchronous on Linux, so lines written before a
// SIGKILL still arrive.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { waitFor } from './use-redis-server.js';

/** A running fixture process. */
export interface ChildBusProcess {
  readonly process: ChildProcess;
  /** Values reported with `handled <id>`, in order (duplicates kept). */
  readonly handled: string[];
  /** Resolves when the fixture reported `ready`. */
  ready(): Promise<void>;
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** Starts `test/redis/fixtures/<name>.ts` with `config` in the environment variable BUS_CONFIG. */
export function startFixture(name: string, config: Record<string, unknown>): ChildBusProcess {
  const script = fileURLToPath(new URL(`../fixtures/${name}.ts`, import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, BUS_CONFIG: JSON.stringify(config) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const handled: string[] = [];
  let isReady = false;
  let buffer = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      const [word, value] = line.split(' ');
      if (word === 'ready') isReady = true;
      if (word === 'handled' && value !== undefined) handled.push(value);
    }
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    process: child,
    handled,
    ready: () => waitFor(`fixture ${name} to be ready`, () => isReady || child.exitCode !== null, 10_000),
    async kill(signal) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      if (signal !== 'SIGSTOP') await exited;
    },
  };
}
