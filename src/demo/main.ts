// `npm start`: plays Quantum Trader's scripted day on the event bus and prints the timeline.
import { DEMO_USAGE, parseDemoArgs } from './parse-demo-args.js';
import { runInspectedDay } from './run-inspected-day.js';
import { runScriptedDay } from './run-scripted-day.js';

async function main(argv: readonly string[]): Promise<number> {
  let options;
  try {
    options = parseDemoArgs(argv);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    console.error(DEMO_USAGE);
    return 2;
  }
  if (options.help === true) {
    console.log(DEMO_USAGE);
    return 0;
  }
  if (options.inspect === true) return runInspectedDay(options);
  const result = await runScriptedDay(options);
  console.log(result.lines.join('\n'));
  return result.stopReport.undelivered.length === 0 ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
