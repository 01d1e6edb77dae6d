import { SpanKind } from '@opentelemetry/api';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { expect } from 'chai';
import { type Event, type InMemoryEventBus, InvalidOptionsError } from '../../src/core/index.js';
import { instrumentEventBus } from '../../src/otel/index.js';
import { anOrderPlaced, type TestEvents } from '../core/test-events.js';
import { instrumentWith, type Telemetry, useTelemetryBus } from './telemetry-harness.js';

describe('instrumentEventBus()', () => {
  let telemetry: Telemetry;
  let bus: InMemoryEventBus<TestEvents>;

  useTelemetryBus((fresh, freshBus) => {
    telemetry = fresh;
    bus = freshBus;
  });

  const instrument = (): Disposable => instrumentWith(telemetry, bus);

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
