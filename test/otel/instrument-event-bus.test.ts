import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { expect } from 'chai';
import {
  createEvent,
  type Event,
  InMemoryEventBus,
  InvalidOptionsError,
  silentLogger,
} from '../../src/core/index.js';
import { DEFAULT_MESSAGING_SYSTEM, instrumentEventBus } from '../../src/otel/index.js';
import { anOrderPlaced, type TestEvents } from '../core/test-events.js';
import { isChildOf, Telemetry } from './telemetry-harness.js';

const ONE_RETRY = { attempts: 2, initialDelayMs: 1, jitter: 0 };

describe('instrumentEventBus()', () => {
  let telemetry: Telemetry;
  let bus: InMemoryEventBus<TestEvents>;

  beforeEach(() => {
    telemetry = new Telemetry();
    bus = new InMemoryEventBus<TestEvents>({ logger: silentLogger });
  });

  afterEach(async () => {
    await bus.stop();
    await telemetry.shutdown();
  });

  function instrument(): Disposable {
    return instrumentEventBus(bus, {
      tracerProvider: telemetry.tracerProvider,
      meterProvider: telemetry.meterProvider,
    });
  }

  /** order.placed -> "fill-order" publishes order.filled -> "record-fill". */
  async function runOrderFlow(): Promise<Event> {
    bus.subscribe(
      'order.placed',
      async (event) => {
        await new Promise((resolve) => setImmediate(resolve));
        await bus.publish(createEvent('order.filled', { orderId: event.payload.orderId, price: 64_000 }));
      },
      { name: 'fill-order' },
    );
    bus.subscribe('order.filled', () => undefined, { name: 'record-fill' });
    bus.start();
    const placed = anOrderPlaced();
    await bus.publish(placed);
    await bus.drain();
    return placed;
  }

  describe('spans', () => {
    it('traces publish -> handler -> re-publish -> handler as one tree of PRODUCER and CONSUMER spans', async () => {
      instrument();
      await runOrderFlow();

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
      const placed = await runOrderFlow();

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
      await runOrderFlow();

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

  describe('metrics', () => {
    it('counts published and delivered events by event type and subscription', async () => {
      instrument();
      await runOrderFlow();
      const metrics = await telemetry.collect();

      expect(
        metrics.sum('quantum_eventbus.published', { 'messaging.destination.name': 'order.placed' }),
      ).to.equal(1);
      expect(
        metrics.sum('quantum_eventbus.published', { 'messaging.destination.name': 'order.filled' }),
      ).to.equal(1);
      expect(
        metrics.sum('quantum_eventbus.delivered', {
          'messaging.destination.name': 'order.placed',
          'messaging.destination.subscription.name': 'fill-order',
        }),
      ).to.equal(1);
      expect(
        metrics.sum('quantum_eventbus.delivered', {
          'messaging.destination.name': 'order.filled',
          'messaging.destination.subscription.name': 'record-fill',
        }),
      ).to.equal(1);
      expect(metrics.sum('quantum_eventbus.failed')).to.equal(0);
    });

    it('counts failed attempts, retries and dead letters, matching bus.stats()', async () => {
      instrument();
      bus.subscribe(
        'order.placed',
        () => {
          throw new RangeError('price out of band');
        },
        { name: 'submit-order', retry: ONE_RETRY },
      );
      bus.subscribe('order.placed', () => undefined, { name: 'audit' });
      bus.start();
      await bus.publish(anOrderPlaced());
      await bus.drain();
      const metrics = await telemetry.collect();
      const stats = bus.stats();

      const submitOrder = {
        'messaging.destination.name': 'order.placed',
        'messaging.destination.subscription.name': 'submit-order',
      };
      expect(metrics.sum('quantum_eventbus.failed', { ...submitOrder, 'error.type': 'RangeError' })).to.equal(
        2,
      );
      expect(metrics.sum('quantum_eventbus.retried', submitOrder)).to.equal(1);
      expect(metrics.sum('quantum_eventbus.dead_lettered', submitOrder)).to.equal(1);
      expect(metrics.sum('quantum_eventbus.delivered', submitOrder)).to.equal(0);
      expect({
        published: metrics.sum('quantum_eventbus.published'),
        delivered: metrics.sum('quantum_eventbus.delivered'),
        failed: metrics.sum('quantum_eventbus.failed'),
        retried: metrics.sum('quantum_eventbus.retried'),
        deadLettered: metrics.sum('quantum_eventbus.dead_lettered'),
      }).to.deep.equal({
        published: stats.published,
        delivered: stats.delivered,
        failed: stats.failed,
        retried: stats.retried,
        deadLettered: stats.deadLettered,
      });
    });

    it('records the duration of every attempt in seconds, failed ones with their error.type', async () => {
      instrument();
      bus.subscribe(
        'order.placed',
        () => {
          throw new Error('exchange offline');
        },
        { name: 'submit-order', retry: ONE_RETRY },
      );
      bus.subscribe('order.placed', () => undefined, { name: 'audit' });
      bus.start();
      await bus.publish(anOrderPlaced());
      await bus.drain();
      const metrics = await telemetry.collect();

      const failed = metrics.histograms('quantum_eventbus.handler.duration', {
        'messaging.destination.subscription.name': 'submit-order',
        'error.type': 'Error',
      });
      const succeeded = metrics.histograms('quantum_eventbus.handler.duration', {
        'messaging.destination.subscription.name': 'audit',
      });
      expect(failed.map((histogram) => histogram.count)).to.deep.equal([2]);
      expect(succeeded.map((histogram) => histogram.count)).to.deep.equal([1]);
      expect(metrics.find('quantum_eventbus.handler.duration')?.descriptor.unit).to.equal('s');
    });

    it('counts events that no subscription matched', async () => {
      instrument();
      bus.start();
      await bus.publish(anOrderPlaced());
      await bus.drain();
      const metrics = await telemetry.collect();

      expect(
        metrics.sum('quantum_eventbus.unhandled', { 'messaging.destination.name': 'order.placed' }),
      ).to.equal(1);
    });

    it('reports the queue depth of bus.stats() when collected', async () => {
      instrument();
      bus.subscribe('order.placed', () => undefined);
      await bus.publish(anOrderPlaced());
      await bus.publish(anOrderPlaced());

      expect((await telemetry.collect()).gauge('quantum_eventbus.queue.depth')).to.deep.equal([2]);
      bus.start();
      await bus.drain();
      expect((await telemetry.collect()).gauge('quantum_eventbus.queue.depth')).to.deep.equal([0]);
    });
  });

  describe('uninstall()', () => {
    it('stops spans, metrics and trace headers; events publish as before', async () => {
      const installed = instrumentEventBus(bus, {
        tracerProvider: telemetry.tracerProvider,
        meterProvider: telemetry.meterProvider,
      });
      installed.uninstall();
      installed[Symbol.dispose]();
      const headers: unknown[] = [];
      bus.subscribe('order.placed', (event) => {
        headers.push(event.headers);
      });
      bus.start();
      await bus.publish(anOrderPlaced());
      await bus.drain();
      const metrics = await telemetry.collect();

      expect(headers).to.deep.equal([undefined]);
      expect(telemetry.spans()).to.deep.equal([]);
      expect(metrics.sum('quantum_eventbus.published')).to.equal(0);
      expect(metrics.gauge('quantum_eventbus.queue.depth')).to.deep.equal([]);
    });

    it('works with `using`', async () => {
      {
        using _installed = instrument();
        bus.start();
        await bus.publish(anOrderPlaced());
      }
      await bus.publish(anOrderPlaced());
      await bus.drain();

      expect(telemetry.spans().filter((span) => span.kind === SpanKind.PRODUCER)).to.have.lengthOf(1);
    });
  });

  describe('options', () => {
    it('propagates trace context with a tracer provider that has no span processor', async () => {
      instrumentEventBus(bus, { tracerProvider: new BasicTracerProvider() });
      const seen: (string | undefined)[] = [];
      bus.subscribe('order.placed', (event) => {
        seen.push(event.headers?.['traceparent']);
      });
      bus.start();
      await bus.publish(anOrderPlaced());
      await bus.drain();

      expect(seen).to.have.lengthOf(1);
      expect(seen[0]).to.match(/^00-[\da-f]{32}-[\da-f]{16}-01$/);
    });

    it('leaves events untouched when the tracer provider is a no-op', async () => {
      const event = anOrderPlaced();
      instrumentEventBus(bus, { meterProvider: telemetry.meterProvider });
      const seen: Event[] = [];
      bus.subscribe('order.placed', (received) => {
        seen.push(received);
      });
      bus.start();
      await bus.publish(event);
      await bus.drain();

      expect(seen).to.deep.equal([event]);
      expect(seen[0]).to.equal(event);
    });

    it('rejects providers, propagators and systems it cannot use with InvalidOptionsError', () => {
      const bad = [
        { tracerProvider: {} },
        { meterProvider: { getMeter: 'no' } },
        { propagator: { inject: () => undefined } },
        { system: '' },
      ];
      for (const options of bad) {
        expect(() => instrumentEventBus(bus, options as never))
          .to.throw(InvalidOptionsError)
          .with.property('option', Object.keys(options)[0]);
      }
    });
  });
});
