// A user's first program against the installed tarball (see check-pack.sh): every entry point, by
// the names the issues promise. Type-checked with the shipped declarations, then run; it fails loudly
// if an entry point, a public name, a peer dependency or a shipped asset is missing.
import 'reflect-metadata';
import assert from 'node:assert/strict';
import {
  createEvent,
  createEventFactory,
  type EventBus,
  InMemoryEventBus,
  InvalidEventError,
  silentLogger,
} from '@quantum-trader/eventbus';
import { startInspector } from '@quantum-trader/eventbus/inspector';
import {
  bootstrapEventBus,
  createOnEvent,
  eventBusModule,
  OnEvent,
  registerEventHandlers,
  TYPES,
} from '@quantum-trader/eventbus/inversify';
import { instrumentEventBus } from '@quantum-trader/eventbus/otel';
import {
  createQuantumTraderContainer,
  FakeDiscordClient,
  PolicyUpdatedEvent,
  QT_TYPES,
  type QuantumTraderEvents,
  SystemHealthMonitor,
} from '@quantum-trader/eventbus/quantum-trader';
import { RedisStreamsEventBus } from '@quantum-trader/eventbus/redis';
import { createMockEventBus, formatCausalTree, RecordingEventBus } from '@quantum-trader/eventbus/testing';
import { Container, injectable } from 'inversify';

// Core: a typed bus, class and factory events, typed errors.
const bus: EventBus<QuantumTraderEvents> = new InMemoryEventBus<QuantumTraderEvents>({
  logger: silentLogger,
});
const modes: string[] = [];
bus.subscribe('policy.updated', (event) => {
  modes.push(event.payload.riskMode);
});
bus.start();
const policy = {
  allowedStrategies: ['trend'],
  globalMinConfidence: 0.7,
  maxRiskPerTrade: 0.01,
  maxPositions: 5,
};
await bus.publish(new PolicyUpdatedEvent({ ...policy, riskMode: 'DEFENSIVE', version: 1 }));
const event = createEventFactory<QuantumTraderEvents>();
await bus.publish(
  event('trade.executed', { orderId: 'o', symbol: 'ETH', side: 'BUY', quantity: 1, price: 2 }),
);
await assert.rejects(bus.publish({ type: '' } as never), InvalidEventError);
assert.throws(() => createEvent('health.*', {}), InvalidEventError);

// Inspector: the token URL trades the token for a cookie; the page and its assets come from dist/.
const inspector = await startInspector(bus);
const entry = await fetch(inspector.url, { redirect: 'manual' });
assert.equal(entry.status, 303);
const cookie = (entry.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
const page = await fetch(new URL('/', inspector.url), { headers: { cookie } });
assert.equal(page.status, 200);
assert.match(await page.text(), /<html/i);
const script = await fetch(new URL('/assets/app.js', inspector.url), { headers: { cookie } });
assert.equal(script.status, 200);
assert.ok((await script.text()).length > 1000);
await inspector.close();

// OpenTelemetry: installs on any bus with the API alone.
const telemetry = instrumentEventBus(bus);
telemetry.uninstall();
const report = await bus.stop();
assert.deepEqual(modes, ['DEFENSIVE']);
assert.equal(report.delivered, 2);

// Inversify: decorated handlers found by the scanner, untyped and typed decorators.
const OnQuantumEvent = createOnEvent<QuantumTraderEvents>();
@injectable()
class Auditor {
  readonly seen: string[] = [];
  @OnEvent('**')
  record(event: { type: string }): void {
    this.seen.push(event.type);
  }
  @OnQuantumEvent('trade.executed')
  onTrade(event: { payload: { symbol: string } }): void {
    this.seen.push(event.payload.symbol);
  }
}
const container = new Container();
container.load(eventBusModule({ logger: silentLogger }));
container.bind(Auditor).toSelf().inSingletonScope();
const registry = await registerEventHandlers(container);
assert.equal(registry.subscriptions.length, 2);
const app = await bootstrapEventBus(container);
await container
  .get(TYPES.EventBus)
  .publish(event('trade.executed', { orderId: 'o', symbol: 'BTC', side: 'SELL', quantity: 1, price: 3 }));
await app.stop();
assert.deepEqual(container.get(Auditor).seen.sort(), ['BTC', 'trade.executed']);

// Quantum Trader's services, wired by the composition root, on a recording bus.
const recording = new RecordingEventBus<QuantumTraderEvents>({ logger: silentLogger });
const quantum = createQuantumTraderContainer({
  logger: silentLogger,
  discordClient: new FakeDiscordClient(),
  createEventBus: () => recording,
});
const quantumApp = await bootstrapEventBus(quantum);
await quantum
  .get(SystemHealthMonitor)
  .report({ exchangeLatencyMs: 5_000, errorRatePct: 50, dataFeedLagMs: 60_000 });
const critical = await recording.waitFor('health.status_changed');
await recording.drain();
assert.match(
  formatCausalTree(recording.causalTree(critical.correlationId ?? critical.id)),
  /policy\.updated/,
);
assert.equal(quantum.get(QT_TYPES.EventBus), recording);
await quantumApp.stop();

// Testing: a sinon mock bus.
const mock = createMockEventBus<QuantumTraderEvents>();
await mock.publish(new PolicyUpdatedEvent({ ...policy, riskMode: 'NORMAL', version: 2 }));
assert.equal(mock.publish.callCount, 1);

// Redis: constructible without a server (it connects on start()).
assert.equal(typeof RedisStreamsEventBus, 'function');

await assert.rejects(
  import('@quantum-trader/eventbus/dist/core/bus/envelope.js' as string),
  /ERR_PACKAGE_PATH_NOT_EXPORTED|not exported/,
);
console.log('consumer: all seven entry points work from the tarball');
