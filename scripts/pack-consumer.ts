// A user's first program against the installed tarball (see check-pack.sh). Type-checked with the
// shipped declarations, then run. It fails loudly if an entry point or a public name is missing.
import assert from 'node:assert/strict';
import {
  createEvent,
  createEventFactory,
  InMemoryEventBus,
  InvalidEventError,
  type EventBus,
} from '@quantum-trader/eventbus';
import { PolicyUpdatedEvent, type QuantumTraderEvents } from '@quantum-trader/eventbus/quantum-trader';

const bus: EventBus<QuantumTraderEvents> = new InMemoryEventBus<QuantumTraderEvents>({ logger: undefined });
const modes: string[] = [];
bus.subscribe('policy.updated', (event) => {
  modes.push(event.payload.riskMode);
});
bus.start();
await bus.publish(
  new PolicyUpdatedEvent({
    riskMode: 'DEFENSIVE',
    allowedStrategies: ['trend'],
    globalMinConfidence: 0.7,
    maxRiskPerTrade: 0.01,
    maxPositions: 5,
    version: 1,
  }),
);
const event = createEventFactory<QuantumTraderEvents>();
await bus.publish(
  event('trade.executed', { orderId: 'o', symbol: 'ETH', side: 'BUY', quantity: 1, price: 2 }),
);
await assert.rejects(bus.publish({ type: '' } as never), InvalidEventError);
assert.throws(() => createEvent('health.*', {}), InvalidEventError);
const report = await bus.stop();
assert.deepEqual(modes, ['DEFENSIVE']);
assert.equal(report.delivered, 2);

await assert.rejects(
  import('@quantum-trader/eventbus/dist/core/bus/envelope.js' as string),
  /ERR_PACKAGE_PATH_NOT_EXPORTED|not exported/,
);
console.log('consumer: core and quantum-trader entry points work from the tarball');
