// `node --import tsx bench/redis/run.ts [--quick] [--json]`: measures the Redis transport against a
// private redis-server and prints a Markdown section (or the raw figures as JSON). bench/run.ts calls it.
import { parseArgs } from 'node:util';
import { renderRedisBenchmark, runRedisBenchmark } from './redis-bench.js';

const { values: args } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
});
const result = await runRedisBenchmark({ quick: args.quick });
process.stdout.write(`${args.json ? JSON.stringify(result, null, 2) : renderRedisBenchmark(result)}\n`);
