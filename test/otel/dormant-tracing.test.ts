import { context, ProxyTracer, propagation, trace } from '@opentelemetry/api';
import { expect } from 'chai';
import sinon from 'sinon';
import { createEvent, type Event, type InMemoryEventBus } from '../../src/core/index.js';
import { instrumentEventBus } from '../../src/otel/index.js';
import { anOrderPlaced, type TestEvents } from '../core/test-events.js';
import { AsyncLocalStorageContextManager, useTelemetryBus } from './telemetry-harness.js';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN_ID = '00f067aa0ba902b7';
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** An order.placed as it arrives from a traced process that sampled it out: traceparent flags 00. */
function aTracedOrder(): Event<'order.placed', TestEvents['order.placed']> {
  return createEvent(
    'order.placed',
    { orderId: 'o-remote', symbol: 'ETH' },
    { headers: { traceparent: `00-${TRACE_ID}-${SPAN_ID}-00`, tracestate: 'vendor=1', tenant: 'acme' } },
  );
}

describe('DormantTracing (installed by instrumentEventBus() without an SDK)', () => {
  let bus: InMemoryEventBus<TestEvents>;

  useTelemetryBus((_telemetry, freshBus) => {
    bus = freshBus;
  });

  beforeEach(() => {
    trace.disable();
  });

  afterEach(() => {
    sinon.restore();
    trace.disable();
    context.disable();
    propagation.disable();
  });

  it('starts no span and delivers each event as it was published', async () => {
    const startSpan = sinon.spy(ProxyTracer.prototype, 'startSpan');
    instrumentEventBus(bus);
    const published = [anOrderPlaced(), aTracedOrder()];
    const seen: Event[] = [];
    bus.subscribe('order.placed', (event) => {
      seen.push(event);
    });
    bus.start();
    for (const event of published) await bus.publish(event);
    await bus.drain();

    expect(seen).to.have.lengthOf(2);
    expect(seen[0]).to.equal(published[0]);
    expect(seen[0]?.headers).to.equal(undefined);
    expect(seen[1]).to.equal(published[1]);
    expect(startSpan.called).to.equal(false);
  });

  it('passes the trace context of a handled event on to the events its handler publishes, after awaits', async () => {
    instrumentEventBus(bus);
    const carried: (Readonly<Record<string, string>> | undefined)[] = [];
    bus.subscribe('order.placed', async (event) => {
      await nextTurn();
      await bus.publish(createEvent('order.filled', { orderId: event.payload.orderId, price: 1 }));
    });
    bus.subscribe('order.filled', (event) => {
      carried.push(event.headers);
    });
    bus.start();
    await bus.publish(aTracedOrder());
    await bus.publish(anOrderPlaced());
    await bus.drain();

    expect(carried).to.deep.equal([
      { traceparent: `00-${TRACE_ID}-${SPAN_ID}-00`, tracestate: 'vendor=1' },
      undefined,
    ]);
  });

  it('carries the active span context into the headers of an event published outside any handler', async () => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager());
    instrumentEventBus(bus);
    const remote = { traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: 1, isRemote: true };
    const carried: (string | undefined)[] = [];
    bus.subscribe('order.placed', (event) => {
      carried.push(event.headers?.['traceparent']);
    });
    bus.start();
    await context.with(trace.setSpanContext(context.active(), remote), () => bus.publish(anOrderPlaced()));
    await bus.drain();

    expect(carried).to.deep.equal([`00-${TRACE_ID}-${SPAN_ID}-01`]);
  });
});
