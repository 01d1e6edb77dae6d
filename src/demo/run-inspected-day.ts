import { silentLogger } from '../core/index.js';
import { startInspector } from '../inspector/index.js';
import { bootstrapEventBus } from '../inversify/index.js';
import { createQuantumTraderContainer, FakeDiscordClient, QT_TYPES } from '../quantum-trader/index.js';
import { createDemoBus } from './create-demo-bus.js';
import type { DemoOptions } from './parse-demo-args.js';
import { SCRIPTED_DAY } from './scripted-day.js';

/** Pause between two steps of the looping day, so an operator can watch it unfold. */
const STEP_PAUSE_MS = 500;

/**
 * `npm start -- --inspect`: plays the scripted day in a loop with the inspector open until SIGINT or
 * SIGTERM, then stops the bus, reports what was not delivered, closes the server and returns 0.
 */
export async function runInspectedDay(
  options: DemoOptions,
  print: (line: string) => void = console.log,
): Promise<number> {
  const container = createQuantumTraderContainer({
    logger: silentLogger,
    discordClient: new FakeDiscordClient(),
    createEventBus: () => createDemoBus(options, silentLogger),
  });
  const bus = container.get(QT_TYPES.EventBus);
  const app = await bootstrapEventBus(container);
  const inspector = await startInspector(bus, {
    title: 'Quantum Trader · EventBus Inspector',
    ...(options.inspectPort === undefined ? {} : { port: options.inspectPort }),
  });
  print(`Inspector: ${inspector.url}`);
  print('Playing the scripted day in a loop. Press Ctrl-C to stop.');

  let signalled: NodeJS.Signals | undefined;
  let wake: () => void = () => undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    signalled ??= signal;
    wake();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const pause = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  try {
    while (signalled === undefined) {
      for (const step of SCRIPTED_DAY) {
        if (signalled !== undefined) break;
        await step.run(container, bus);
        await pause(STEP_PAUSE_MS);
      }
    }
    const report = await app.stop();
    print(
      `${signalled}: bus stopped; ${report.published} published, ${report.undelivered.length} undelivered.`,
    );
    for (const { event, subscriptions } of report.undelivered) {
      print(`  undelivered ${event.type} (${event.id}) for ${subscriptions.join(', ')}`);
    }
  } finally {
    await inspector.close();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  return 0;
}
