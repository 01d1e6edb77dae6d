// Starts a private redis-server for tests and benchmarks: a free loopback port, its own temporary
// directory, stopped and removed afterwards. Never touches a shared server.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { Redis } from 'ioredis';

/** Options of {@link startRedisServer}. */
export interface RedisServerOptions {
  /** Keep an append-only file (fsync on every write) so a restart loses nothing acknowledged. */
  readonly persistent?: boolean;
}

/** A running private redis-server. */
export interface RedisServer {
  readonly port: number;
  readonly url: string;
  readonly dir: string;
  /** A new client of this server (closed by `stop()` unless closed before). */
  client(): Redis;
  /** Stops the process (SIGTERM, waits for exit) and starts it again on the same port and directory. */
  restart(): Promise<void>;
  /** Stops the server, closes the clients and removes the directory. */
  stop(): Promise<void>;
}

/** The redis-server binary: `$REDIS_SERVER_BIN` if set (and only it), else `PATH`, /usr/bin, /usr/local/bin. */
export function findRedisServer(): string | undefined {
  const fromEnv = process.env['REDIS_SERVER_BIN'];
  if (fromEnv !== undefined) return existsSync(fromEnv) ? fromEnv : undefined;
  const directories = [...(process.env['PATH'] ?? '').split(delimiter), '/usr/bin', '/usr/local/bin'];
  return directories
    .map((directory) => join(directory, 'redis-server'))
    .find((candidate) => existsSync(candidate));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

function launch(binary: string, port: number, dir: string, persistent: boolean): Promise<ChildProcess> {
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--save',
    '',
    '--daemonize',
    'no',
  ];
  args.push(...(persistent ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no']));
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        resolve(child);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.resume();
    child.once('exit', (code) =>
      reject(new Error(`redis-server exited (${String(code)}) before it was ready:\n${output}`)),
    );
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts a private redis-server. @throws if no binary is found or it does not start. */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const binary = findRedisServer();
  if (binary === undefined)
    throw new Error('redis-server not found (set REDIS_SERVER_BIN or install redis-server)');
  const dir = await mkdtemp(join(tmpdir(), 'eventbus-redis-'));
  const persistent = options.persistent ?? false;
  let port = 0;
  let child: ChildProcess | undefined;
  for (let attempt = 1; child === undefined; attempt += 1) {
    port = await freePort();
    try {
      child = await launch(binary, port, dir, persistent);
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
  let current: ChildProcess = child;
  const clients = new Set<Redis>();
  const url = `redis://127.0.0.1:${port}`;
  return {
    port,
    url,
    dir,
    client() {
      const client = new Redis(url, { maxRetriesPerRequest: null });
      client.on('error', () => undefined);
      clients.add(client);
      return client;
    },
    async restart() {
      current.kill('SIGTERM');
      await exited(current);
      current = await launch(binary, port, dir, persistent);
    },
    async stop() {
      for (const client of clients) client.disconnect();
      current.kill('SIGTERM');
      await exited(current);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
