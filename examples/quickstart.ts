// Quickstart: a typed bus, one async and one sync handler, publish, run, stop.
// Run it with `npx tsx examples/quickstart.ts`. In your project, import from '@quantum-trader/eventbus'
// and '@quantum-trader/eventbus/quantum-trader' instead of the relative paths below.
import { InMemoryEventBus } from '../src/core/index.js';
import {
  HealthStatusChangedEvent,
  type QuantumTraderEvents,
  TradeExecutedEvent,
} from '../src/quantum-trader/index.js';

/** Runs the quickstart and returns what the handlers printed. */
export async function runQuickstart(print: (line: string) => void = console.log): Promise<void> {
  const bus = new InMemoryEventBus<QuantumTraderEvents>();

  // An async handler: awaited by the bus, failures are logged and dead-lettered, never thrown at you.
  bus.subscribe('health.status_changed', async (event) => {
    await Promise.resolve();
    print(
      `health: ${event.payload.previousStatus} -> ${event.payload.status} (${event.payload.reasons.join('; ')})`,
    );
  });
  // A sync handler, subscribed by event class.
  bus.subscribe(TradeExecutedEvent, (event) => {
    print(
      `trade: ${event.payload.side} ${event.payload.quantity} ${event.payload.symbol} @ ${event.payload.price}`,
    );
  });

  const loop = bus.runForever(); // the dispatcher loop; bus.start() does the same in the background

  await bus.publish(
    new HealthStatusChangedEvent({
      status: 'DEGRADED',
      previousStatus: 'HEALTHY',
      reasons: ['exchange latency 1800 ms'],
    }),
  );
  await bus.publish(
    new TradeExecutedEvent({ orderId: 'o-1', symbol: 'BTCUSDT', side: 'BUY', quantity: 0.5, price: 64_000 }),
  );

  const report = await bus.stop(); // finishes queued work, then reports
  await loop;
  print(`stopped: ${report.delivered}/${report.published} events delivered`);
}

if (import.meta.url === `file://${process.argv[1]}`) await runQuickstart();
