import { execFile } from 'node:child_process';
import { expect } from 'chai';

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function runDemo(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'src/demo/main.ts', ...args], (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : (error.code as number | null), stdout, stderr });
    });
  });
}

describe('demo main (npm start)', () => {
  it('prints the timeline of the day and exits 0', async () => {
    const run = await runDemo();
    expect(run.code).to.equal(0);
    expect(run.stdout).to.contain('Quantum Trader: a scripted trading day');
    expect(run.stdout).to.contain('MSC AI ▶ policy.updated: NORMAL -> DEFENSIVE');
    expect(run.stdout).to.contain('Bus stopped gracefully');
  });

  it('prints the usage for --help and exits 0', async () => {
    const run = await runDemo('--help');
    expect(run.code).to.equal(0);
    expect(run.stdout).to.contain('Usage: npm start');
  });

  it('exits 2 with the usage for an unknown flag', async () => {
    const run = await runDemo('--bogus');
    expect(run.code).to.equal(2);
    expect(run.stderr).to.contain('--bogus').and.contain('Usage: npm start');
  });
});
