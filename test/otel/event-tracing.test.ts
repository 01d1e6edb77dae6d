import {
  type Context,
  context,
  propagation,
  type TextMapGetter,
  type TextMapPropagator,
  type TextMapSetter,
  trace,
} from '@opentelemetry/api';
import { expect } from 'chai';
import { createEvent, type Event, InMemoryEventBus, silentLogger } from '../../src/core/index.js';
import { instrumentEventBus } from '../../src/otel/index.js';
import { anOrderPlaced, OrderPlacedEvent, type TestEvents } from '../core/test-events.js';
import { AsyncLocalStorageContextManager, isChildOf, Telemetry } from './telemetry-harness.js';

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Writes the active span id under `x-span`; reads it back as a remote parent. */
class SpanIdPropagator implements TextMapPropagator {
  inject(active: Context, carrier: unknown, setter: TextMapSetter): void {
    const spanContext = trace.getSpanContext(active);
    if (spanContext !== undefined)
      setter.set(carrier, 'x-span', `${spanContext.traceId}:${spanContext.spanId}`);
  }

  extract(base: Context, carrier: unknown, getter: TextMapGetter): Context {
    const value = getter.get(carrier, 'x-span');
    if (typeof value !== 'string') return base;
    const [traceId = '', spanId = ''] = value.split(':');
    return trace.setSpanContext(base, { traceId, spanId, traceFlags: 1, isRemote: true });
  }

  fields(): string[] {
    return ['x-span'];
  }
}

describe('instrumentEventBus() context propagation', () => {
  let telemetry: Telemetry;
  let bus: InMemoryEventBus<TestEvents>;

  beforeEach(() => {
    telemetry = new Telemetry();
    bus = new InMemoryEventBus<TestEvents>({ logger: silentLogger });
  });

  afterEach(async () => {
    await bus.stop();
    await telemetry.shutdown();
    context.disable();
    propagation.disable();
  });

  function instrument(options: { propagator?: TextMapPropagator } = {}): void {
    instrumentEventBus(bus, { tracerProvider: telemetry.tracerProvider, ...options });
  }

  describe('without a global context manager', () => {
    it('keeps one trace id across a three-event chain and parents each child PRODUCER on the CONSUMER that published it', async () => {
      instrument();
      bus.subscribe('order.placed', async (event) => {
        await nextTurn();
        await nextTurn();
        await bus.publish(createEvent('order.filled', { orderId: event.payload.orderId, price: 1 }));
      });
      bus.subscribe('order.filled', async () => {
        await nextTurn();
        await bus.publish(createEvent('health.status_changed', { status: 'HEALTHY' as const }));
      });
      bus.subscribe('health.status_changed', () => undefined);
      bus.start();
      await bus.publish(anOrderPlaced());
      await bus.drain();

      const spans = telemetry.spans();
      expect(spans).to.have.lengthOf(6);
      expect(new Set(spans.map((span) => span.spanContext().traceId)).size).to.equal(1);
      expect(
        isChildOf(telemetry.span('publish order.filled'), telemetry.span('process order.placed')),
      ).to.equal(true);
      expect(
        isChildOf(telemetry.span('publish health.status_changed'), telemetry.span('process order.filled')),
      ).to.equal(true);
      expect(
        isChildOf(
          telemetry.span('process health.status_changed'),
          telemetry.span('publish health.status_changed'),
        ),
      ).to.equal(true);
    });

    it('parents each child on its own handler when two subscriptions handle the same event at once', async () => {
      instrument();
      for (const name of ['risk', 'ledger']) {
        bus.subscribe(
          'order.placed',
          async (event) => {
            await nextTurn();
            await bus.publish(
              createEvent('order.filled', { orderId: `${name}:${event.payload.orderId}`, price: 1 }),
            );
          },
          { name },
        );
      }
      const filledBy = new Map<string, string>();
      bus.subscribe('order.filled', (event) => {
        filledBy.set(event.id, event.payload.orderId.split(':')[0] as string);
      });
      bus.start();
      await bus.publish(anOrderPlaced());
      await bus.drain();

      const producers = telemetry.spans().filter((span) => span.name === 'publish order.filled');
      expect(producers).to.have.lengthOf(2);
      for (const producer of producers) {
        const subscription = filledBy.get(producer.attributes['messaging.message.id'] as string) as string;
        const consumer = telemetry.span('process order.placed', {
          'messaging.destination.subscription.name': subscription,
        });
        expect(isChildOf(producer, consumer), `child of ${subscription}`).to.equal(true);
      }
    });

    it('starts a new trace for an event published outside any handler or span', async () => {
      instrument();
      bus.start();
      await bus.publish(anOrderPlaced());
      await bus.publish(anOrderPlaced());

      const [first, second] = telemetry.spans();
      expect(first?.parentSpanContext).to.equal(undefined);
      expect(second?.parentSpanContext).to.equal(undefined);
      expect(first?.spanContext().traceId).not.to.equal(second?.spanContext().traceId);
    });

    it('continues a trace the publisher put in headers.traceparent', async () => {
      instrument();
      const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
      const spanId = '00f067aa0ba902b7';
      bus.start();
      await bus.publish(
        createEvent(
          'order.placed',
          { orderId: 'o-1', symbol: 'BTC' },
          {
            headers: { traceparent: `00-${traceId}-${spanId}-01` },
          },
        ),
      );

      const producer = telemetry.span('publish order.placed');
      expect(producer.spanContext().traceId).to.equal(traceId);
      expect(producer.parentSpanContext?.spanId).to.equal(spanId);
    });

    it('keeps the class and the other headers of a published event', async () => {
      instrument();
      const received: Event[] = [];
      bus.subscribe(OrderPlacedEvent, (event) => {
        received.push(event);
      });
      bus.start();
      await bus.publish(
        new OrderPlacedEvent({ orderId: 'o-1', symbol: 'ETH' }, { headers: { tenant: 'desk-7' } }),
      );
      await bus.drain();

      expect(received).to.have.lengthOf(1);
      expect(received[0]).to.be.instanceOf(OrderPlacedEvent);
      expect(Object.isFrozen(received[0])).to.equal(true);
      expect(received[0]?.headers).to.have.all.keys('tenant', 'traceparent');
      expect(received[0]?.headers?.['tenant']).to.equal('desk-7');
    });
  });

  describe('with a global context manager', () => {
    beforeEach(() => {
      context.setGlobalContextManager(new AsyncLocalStorageContextManager());
    });

    it('parents a PRODUCER span on the span active where publish() is called', async () => {
      instrument();
      const tracer = telemetry.tracerProvider.getTracer('test');
      bus.start();
      await tracer.startActiveSpan('POST /orders', async (request) => {
        await bus.publish(anOrderPlaced());
        request.end();
      });

      expect(isChildOf(telemetry.span('publish order.placed'), telemetry.span('POST /orders'))).to.equal(
        true,
      );
    });

    it('makes the CONSUMER span active inside the handler, so its own spans nest under it', async () => {
      instrument();
      const tracer = telemetry.tracerProvider.getTracer('test');
      bus.subscribe('order.placed', async (event) => {
        await nextTurn();
        await tracer.startActiveSpan('price order', async (span) => {
          await bus.publish(createEvent('order.filled', { orderId: event.payload.orderId, price: 1 }));
          span.end();
        });
      });
      bus.start();
      await bus.publish(anOrderPlaced());
      await bus.drain();

      const pricing = telemetry.span('price order');
      expect(isChildOf(pricing, telemetry.span('process order.placed'))).to.equal(true);
      expect(isChildOf(telemetry.span('publish order.filled'), pricing)).to.equal(true);
    });

    it('does not parent a CONSUMER span on the context the bus was started in', async () => {
      instrument();
      const tracer = telemetry.tracerProvider.getTracer('test');
      bus.subscribe('order.placed', () => undefined);
      tracer.startActiveSpan('boot', (boot) => {
        bus.start();
        boot.end();
      });
      await bus.publish(createEvent('order.placed', { orderId: 'o-1', symbol: 'BTC' }));
      await bus.drain();

      expect(
        isChildOf(telemetry.span('process order.placed'), telemetry.span('publish order.placed')),
      ).to.equal(true);
    });
  });

  describe('propagators', () => {
    it('adds what the global propagator injects beside traceparent', async () => {
      propagation.setGlobalPropagator(new SpanIdPropagator());
      instrument();
      const headers: Record<string, string>[] = [];
      bus.subscribe('order.placed', (event) => {
        headers.push({ ...event.headers });
      });
      bus.start();
      await bus.publish(anOrderPlaced());
      await bus.drain();

      const producer = telemetry.span('publish order.placed').spanContext();
      expect(headers).to.deep.equal([
        {
          traceparent: `00-${producer.traceId}-${producer.spanId}-01`,
          'x-span': `${producer.traceId}:${producer.spanId}`,
        },
      ]);
    });

    it('uses only the given propagator, to inject and to extract', async () => {
      instrument({ propagator: new SpanIdPropagator() });
      const headers: Record<string, string>[] = [];
      bus.subscribe('order.placed', (event) => {
        headers.push({ ...event.headers });
      });
      bus.start();
      await bus.publish(anOrderPlaced());
      await bus.drain();

      const producer = telemetry.span('publish order.placed');
      expect(headers.map((carried) => Object.keys(carried))).to.deep.equal([['x-span']]);
      expect(isChildOf(telemetry.span('process order.placed'), producer)).to.equal(true);
    });
  });

  it('extracts nothing from an event without trace headers: its CONSUMER span starts a trace', async () => {
    bus.subscribe('order.placed', () => undefined);
    await bus.publish(anOrderPlaced());
    instrument();
    bus.start();
    await bus.drain();
    await bus.publish(anOrderPlaced());
    await bus.drain();

    const consumers = telemetry.spans().filter((span) => span.name === 'process order.placed');
    expect(consumers.map((span) => span.parentSpanContext === undefined)).to.deep.equal([true, false]);
  });
});
