import { spawn } from 'node:child_process';
import { expect } from 'chai';
import { useRedisServer } from '../redis/support/use-redis-server.js';

interface Exit {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Starts `npm start`'s program with `args`; `until` sees stdout as it grows and may act on the child. */
function startDemo(
  args: readonly string[],
  until?: (stdout: string, signal: (name: NodeJS.Signals) => void) => void,
): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/demo/main.ts', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      until?.(stdout, (name) => child.kill(name));
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('demo main (npm start) flags', function () {
  this.timeout(30_000);

  describe('--inspect', () => {
    it('serves the inspector while the day loops, and on SIGINT stops the bus, reports and exits 0', async () => {
      let checked: Promise<number> | undefined;
      const exit = await startDemo(['--inspect'], (stdout, signal) => {
        const url = /Inspector: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(stdout)?.[1];
        if (url === undefined || checked !== undefined || !stdout.includes('Press Ctrl-C')) return;
        checked = (async () => {
          const page = await fetch(url, { redirect: 'manual' });
          const denied = await fetch(new URL('/api/stats', url));
          signal('SIGINT');
          return page.status * 1000 + denied.status;
        })();
      });
      expect(
        await checked,
        'the page answers with the token (303 to set the cookie), not without it',
      ).to.equal(303_401);
      expect(exit.code).to.equal(0);
      expect(exit.stdout).to.match(/SIGINT: bus stopped; \d+ published, 0 undelivered\./);
    });
  });

  describe('--redis', () => {
    const redis = useRedisServer();

    it('plays the same day over Redis Streams and exits 0', async () => {
      const exit = await startDemo(['--redis', redis().url]);
      expect(exit.stderr).to.equal('');
      expect(exit.code).to.equal(0);
      expect(exit.stdout).to.contain('MSC AI ▶ policy.updated: NORMAL -> DEFENSIVE');
      expect(exit.stdout).to.contain('Discord alerts sent: 1.');
      expect(exit.stdout).to.match(
        /Bus stopped gracefully: 6 events published, 6 delivered, 0 undelivered\./,
      );
    });
  });
});
