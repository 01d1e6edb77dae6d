import { InvalidOptionsError } from '../core/index.js';

/** What the command line asks of the demo. */
export interface DemoOptions {
  /** Print the usage and exit. @defaultValue false */
  readonly help?: boolean;
  /** Play the day in a loop with the live inspector open, until Ctrl-C. @defaultValue false */
  readonly inspect?: boolean;
  /** Port of the inspector (0: any free port). @defaultValue 0 */
  readonly inspectPort?: number;
  /** Run over Redis Streams at this URL instead of in memory. @defaultValue in memory */
  readonly redisUrl?: string;
}

/** The demo's usage text. */
export const DEMO_USAGE = [
  'Usage: npm start [-- <flags>]',
  '',
  'Plays a scripted trading day on the Quantum Trader event bus and prints who published what and who reacted.',
  '',
  'Flags:',
  '  --inspect             play the day in a loop with the live inspector open (Ctrl-C stops)',
  '  --inspect-port <n>    the inspector port (default: any free port)',
  '  --redis <url>         run over Redis Streams, e.g. --redis redis://127.0.0.1:6379 (default: in memory)',
  '  -h, --help            show this text',
].join('\n');

function valueOf(flag: string, argv: readonly string[], index: number): string {
  const value = argv[index + 1];
  if (value === undefined || value.startsWith('--'))
    throw new InvalidOptionsError(flag, 'needs a value (see --help)');
  return value;
}

/**
 * Reads the demo's flags from `argv` (without the node and script paths).
 *
 * @throws {@link InvalidOptionsError} for a flag it does not know or a flag without its value.
 */
export function parseDemoArgs(argv: readonly string[]): DemoOptions {
  const options: { -readonly [K in keyof DemoOptions]: DemoOptions[K] } = { help: false };
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] as string;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=') ? (arg.split(/=(.*)/s, 2) as [string, string]) : [arg];
    const value = (): string => {
      if (inline !== undefined) return inline;
      index += 1;
      return valueOf(flag, argv, index - 1);
    };
    if (flag === '--help' || flag === '-h') options.help = true;
    else if (flag === '--inspect') options.inspect = true;
    else if (flag === '--inspect-port') {
      const port = Number(value());
      if (!Number.isInteger(port) || port < 0 || port > 65_535) {
        throw new InvalidOptionsError('--inspect-port', 'must be a port number from 0 to 65535');
      }
      options.inspectPort = port;
    } else if (flag === '--redis') {
      const url = value();
      if (!/^rediss?:\/\//.test(url))
        throw new InvalidOptionsError('--redis', `expects a redis:// URL, got "${url}"`);
      options.redisUrl = url;
    } else throw new InvalidOptionsError(arg, 'the demo has no such flag (see --help)');
  }
  return options;
}
