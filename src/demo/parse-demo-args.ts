import { InvalidOptionsError } from '../core/index.js';

/** What the command line asks of the demo. */
export interface DemoOptions {
  /** Print the usage and exit. @defaultValue false */
  readonly help?: boolean;
}

/** The demo's usage text. */
export const DEMO_USAGE = [
  'Usage: npm start [-- <flags>]',
  '',
  'Plays a scripted trading day on the Quantum Trader event bus and prints who published what and who reacted.',
  '',
  'Flags:',
  '  -h, --help   show this text',
].join('\n');

/**
 * Reads the demo's flags from `argv` (without the node and script paths).
 *
 * @throws {@link InvalidOptionsError} for a flag it does not know.
 */
export function parseDemoArgs(argv: readonly string[]): DemoOptions {
  let help = false;
  for (const arg of argv) {
    if (arg === '--help' || arg === '-h') help = true;
    else throw new InvalidOptionsError(arg, 'the demo has no such flag (see --help)');
  }
  return { help };
}
