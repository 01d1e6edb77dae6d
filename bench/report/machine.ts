import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { MachineInfo } from './results.js';

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((candidate) => candidate.startsWith('model name'));
    if (line !== undefined) return line.slice(line.indexOf(':') + 1).trim();
  } catch {
    // Not Linux: fall back to what node reports.
  }
  return os.cpus()[0]?.model ?? 'unknown';
}

/** The machine the figures come from. */
export function describeMachine(): MachineInfo {
  return {
    cpu: cpuModel(),
    cores: os.availableParallelism(),
    node: process.version,
    v8: process.versions.v8,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
  };
}
