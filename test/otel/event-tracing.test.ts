import {
  type Context,
  context,
  propagation,
  SpanKind,
  SpanStatusCode,
  type TextMapGetter,
  type TextMapPropagator,
  type TextMapSetter,
  trace,
} from '@opentelemetry/api';
import { expect } from 'chai';
import { createEvent, type Event, InMemoryEventBus, silentLogger } from '../../src/core/index.js';
import { DEFAULT_MESSAGING_SYSTEM, instrumentEventBus } from '../../src/otel/index.js';
import { anOrderPlaced, OrderPlacedEvent, type TestEvents } from '../core/test-events.js';
import type { Telemetry } from './telemetry-harness.js';
import {
  AsyncLocalStorageContextManager,
  isChildOf,
  runOrderFlow,
  useTelemetryBus,
} from './telemetry-harness.js';

const ONE_RETRY = { attempts: 2, initialDelayMs: 1, jitter: 0 };
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

describe('EventTracing (installed by instrumentEventBus())', () => {
  let telemetry: Telemetry;
  let bus: InMemoryEventBus<TestEvents>;

  useTelemetryBus((fresh, freshBus) => {
    telemetry = fresh;
    bus = freshBus;
  });

  afterEach(() => {
    context.disable();
    propagation.disable();
  });

  function instrument(options: { propagator?: TextMapPropagator } = {}): void {
    instrumentEventBus(bus, { tracerProvider: telemetry.tracerProvider, ...options });
  }

  describe('spans', () => {
    it('traces publish -> handler -> re-publish -> handler as one tree of PRODUCER and CONSUMER spans', async () => {
      instrument();
      await runOrderFlow(bus);

      const publishPlaced = telemetry.span('publish order.placed');
      const processPlaced = telemetry.span('process order.placed');
      const publishFilled = telemetry.span('publish order.filled');
      const processFilled = telemetry.span('process order.filled');
      expect(telemetry.spans()).to.have.lengthOf(4);
      expect(
        [publishPlaced, processPlaced, publishFilled, processFilled].map((span) => span.kind),
      ).to.deep.equal([SpanKind.PRODUCER, SpanKind.CONSUMER, SpanKind.PRODUCER, SpanKind.CONSUMER]);
      expect(publishPlaced.parentSpanContext).to.equal(undefined);
      expect(isChildOf(processPlaced, publishPlaced)).to.equal(true);
      expect(isChildOf(publishFilled, processPlaced)).to.equal(true);
      expect(isChildOf(processFilled, publishFilled)).to.equal(true);
      expect(telemetry.spans().every((span) => span.status.code === SpanStatusCode.UNSET)).to.equal(true);
    });

    it('sets the messaging semantic-convention attributes on PRODUCER and CONSUMER spans', async () => {
      instrument();
      const placed = await runOrderFlow(bus);

      expect(telemetry.span('publish order.placed').attributes).to.deep.equal({
        'messaging.system': DEFAULT_MESSAGING_SYSTEM,
        'messaging.system.name': DEFAULT_MESSAGING_SYSTEM,
        'messaging.operation.type': 'send',
        'messaging.operation.name': 'publish',
        'messaging.destination.name': 'order.placed',
        'messaging.message.id': placed.id,
      });
      const filled = telemetry.span('process order.filled');
      expect(filled.attributes).to.include({
        'messaging.system': DEFAULT_MESSAGING_SYSTEM,
        'messaging.operation.type': 'process',
        'messaging.operation.name': 'process',
        'messaging.destination.name': 'order.filled',
        'messaging.destination.subscription.name': 'record-fill',
        'messaging.message.conversation_id': placed.id,
        'quantum_eventbus.causation_id': placed.id,
        'quantum_eventbus.delivery.attempt': 1,
      });
      expect(filled.attributes['messaging.message.id']).to.equal(
        telemetry.span('publish order.filled').attributes['messaging.message.id'],
      );
    });

    it('links each CONSUMER span to the PRODUCER span of its event', async () => {
      instrument();
      await runOrderFlow(bus);

      const links = telemetry.span('process order.placed').links;
      expect(links.map((link) => link.context.spanId)).to.deep.equal([
        telemetry.span('publish order.placed').spanContext().spanId,
      ]);
    });

    it('carries the PRODUCER span context to handlers in headers.traceparent', async () => {
      instrument();
      const seen: (string | undefined)[] = [];
      bus.subscribe('order.placed', (event) => {
        seen.push(event.headers?.['traceparent']);
      });
      bus.start();
      await bus.publish(anOrderPlaced());
      await bus.drain();

      const producer = telemetry.span('publish order.placed').spanContext();
      expect(seen).to.deep.equal([`00-${producer.traceId}-${producer.spanId}-01`]);
    });

    it('creates one CONSUMER span per attempt, with the attempt number, and records each failure', async () => {
      instrument();
      let calls = 0;
      bus.subscribe(
        'order.placed',
        () => {
          calls += 1;
          if (calls === 1) throw new TypeError('exchange offline');
        },
        { name: 'submit-order', retry: ONE_RETRY },
      );
      bus.start();
      await bus.publish(anOrderPlaced());
      await bus.drain();

      const producer = telemetry.span('publish order.placed');
      const first = telemetry.span('process order.placed', { 'quantum_eventbus.delivery.attempt': 1 });
      const second = telemetry.span('process order.placed', { 'quantum_eventbus.delivery.attempt': 2 });
      expect(isChildOf(first, producer) && isChildOf(second, producer)).to.equal(true);
      expect(first.status).to.deep.equal({ code: SpanStatusCode.ERROR, message: 'exchange offline' });
      expect(first.attributes).to.include({
        'error.type': 'TypeError',
        'quantum_eventbus.delivery.will_retry': true,
      });
      expect(first.events.map((event) => event.name)).to.deep.equal(['exception']);
      expect(first.events[0]?.attributes).to.include({
        'exception.type': 'TypeError',
        'exception.message': 'exchange offline',
      });
      expect(second.status.code).to.equal(SpanStatusCode.UNSET);
      expect(second.attributes['error.type']).to.equal(undefined);
    });

    it('adds a dead_letter span under the last failed attempt when a delivery is dead-lettered', async () => {
      instrument();
      bus.subscribe(
        'order.placed',
        () => {
          throw new Error('exchange offline');
        },
        { name: 'submit-order', retry: ONE_RETRY },
      );
      bus.start();
      const placed = anOrderPlaced();
      await bus.publish(placed);
      await bus.drain();

      const [letter] = await bus.listDeadLetters();
      const last = telemetry.span('process order.placed', { 'quantum_eventbus.delivery.attempt': 2 });
      const deadLetter = telemetry.span('dead_letter order.placed');
      expect(last.attributes['quantum_eventbus.delivery.will_retry']).to.equal(false);
      expect(deadLetter.kind).to.equal(SpanKind.INTERNAL);
      expect(isChildOf(deadLetter, last)).to.equal(true);
      expect(deadLetter.status).to.deep.equal({
        code: SpanStatusCode.ERROR,
        message: 'dead-lettered after 2 attempt(s): exchange offline',
      });
      expect(deadLetter.attributes).to.include({
        'messaging.operation.type': 'settle',
        'messaging.operation.name': 'dead_letter',
        'messaging.destination.name': 'order.placed',
        'messaging.destination.subscription.name': 'submit-order',
        'messaging.message.id': placed.id,
        'quantum_eventbus.dead_letter.id': letter?.id,
        'quantum_eventbus.dead_letter.attempts': 2,
        'error.type': 'Error',
      });
    });

    it('records a handler timeout as a failure of that attempt', async () => {
      instrument();
      bus.subscribe(
        'order.placed',
        (_event, { signal }) =>
          new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
        { name: 'slow', timeoutMs: 5 },
      );
      bus.start();
      await bus.publish(anOrderPlaced());
      await bus.drain();

      const attempt = telemetry.span('process order.placed');
      expect(attempt.status.code).to.equal(SpanStatusCode.ERROR);
      expect(attempt.attributes['error.type']).to.equal('HandlerTimeoutError');
    });

    it('ends the PRODUCER span of a publish the bus refuses with QueueFullError', async () => {
      bus = new InMemoryEventBus<TestEvents>({ logger: silentLogger, maxQueueSize: 1, overflow: 'error' });
      instrument();
      await bus.publish(anOrderPlaced());
      const refused = await bus.publish(anOrderPlaced()).then(
        () => undefined,
        (error: unknown) => error,
      );

      expect(refused).to.have.property('code', 'EBUS_QUEUE_FULL');
      expect(telemetry.spans().map((span) => span.name)).to.deep.equal([
        'publish order.placed',
        'publish order.placed',
      ]);
    });

    it('uses the system option as messaging.system', async () => {
      instrumentEventBus(bus, { tracerProvider: telemetry.tracerProvider, system: 'redis' });
      bus.start();
      await bus.publish(anOrderPlaced());

      expect(telemetry.span('publish order.placed').attributes).to.include({
        'messaging.system': 'redis',
        'messaging.system.name': 'redis',
      });
    });
  });

  describe('context propagation without a global context manager', () => {
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
    it('replaces the trace fields an event brings from an earlier hop and keeps its other headers', async () => {
      instrument();
      const forwarded: Record<string, string>[] = [];
      bus.subscribe('order.placed', async (event) => {
        await nextTurn();
        const headers = { tracestate: 'stale=1', tenant: 'desk-7' };
        await bus.publish(
          createEvent('order.filled', { orderId: event.payload.orderId, price: 1 }, { headers }),
        );
      });
      bus.subscribe('order.filled', (event) => void forwarded.push({ ...event.headers }));
      bus.start();
      await bus.publish(anOrderPlaced());
      await bus.drain();

      const producer = telemetry.span('publish order.filled').spanContext();
      expect(forwarded).to.deep.equal([
        { tenant: 'desk-7', traceparent: `00-${producer.traceId}-${producer.spanId}-01` },
      ]);
    });
  });

  describe('context propagation with a global context manager', () => {
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
