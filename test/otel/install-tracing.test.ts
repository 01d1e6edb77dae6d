import { SpanKind, trace } from '@opentelemetry/api';
import { expect } from 'chai';
import type { InMemoryEventBus } from '../../src/core/index.js';
import { instrumentEventBus } from '../../src/otel/index.js';
import { anOrderPlaced, type TestEvents } from '../core/test-events.js';
import { isChildOf, type Telemetry, useTelemetryBus } from './telemetry-harness.js';

describe('installTracing() (through instrumentEventBus() with the global tracer provider)', () => {
  let telemetry: Telemetry;
  let bus: InMemoryEventBus<TestEvents>;

  useTelemetryBus((fresh, freshBus) => {
    telemetry = fresh;
    bus = freshBus;
  });

  beforeEach(() => {
    trace.disable();
  });

  afterEach(() => {
    trace.disable();
  });

  const registerSdk = (): void => {
    expect(trace.setGlobalTracerProvider(telemetry.tracerProvider)).to.equal(true);
  };

  it('traces events published after an SDK is registered, though it was installed before', async () => {
    instrumentEventBus(bus);
    const traceparents: (string | undefined)[] = [];
    bus.subscribe('order.placed', (event) => {
      traceparents.push(event.headers?.['traceparent']);
    });
    bus.start();
    await bus.publish(anOrderPlaced());
    await bus.drain();
    registerSdk();
    await bus.publish(anOrderPlaced());
    await bus.drain();

    const producer = telemetry.span('publish order.placed');
    expect(telemetry.spans()).to.have.lengthOf(2);
    expect(isChildOf(telemetry.span('process order.placed'), producer)).to.equal(true);
    expect(traceparents).to.deep.equal([
      undefined,
      `00-${producer.spanContext().traceId}-${producer.spanContext().spanId}-01`,
    ]);
  });

  it('traces events queued before an SDK is registered from the next publish on', async () => {
    instrumentEventBus(bus);
    bus.subscribe('order.placed', () => undefined);
    await bus.publish(anOrderPlaced());
    registerSdk();
    await bus.publish(anOrderPlaced());
    bus.start();
    await bus.drain();

    expect(telemetry.spans().map((span) => [span.name, span.kind])).to.deep.equal([
      ['publish order.placed', SpanKind.PRODUCER],
      ['process order.placed', SpanKind.CONSUMER],
      ['process order.placed', SpanKind.CONSUMER],
    ]);
  });

  it('traces from the start when the SDK is registered before it is installed', async () => {
    registerSdk();
    instrumentEventBus(bus);
    bus.subscribe('order.placed', () => undefined);
    bus.start();
    await bus.publish(anOrderPlaced());
    await bus.drain();

    expect(telemetry.spans().map((span) => span.kind)).to.deep.equal([SpanKind.PRODUCER, SpanKind.CONSUMER]);
  });

  describe('uninstall()', () => {
    it('leaves the bus untraced when called before an SDK is registered', async () => {
      instrumentEventBus(bus).uninstall();
      registerSdk();
      const headers: unknown[] = [];
      bus.subscribe('order.placed', (event) => {
        headers.push(event.headers);
      });
      bus.start();
      await bus.publish(anOrderPlaced());
      await bus.drain();

      expect(headers).to.deep.equal([undefined]);
      expect(telemetry.spans()).to.deep.equal([]);
    });

    it('stops the tracing that a late SDK switched on', async () => {
      const installed = instrumentEventBus(bus);
      bus.subscribe('order.placed', () => undefined);
      bus.start();
      registerSdk();
      await bus.publish(anOrderPlaced());
      await bus.drain();
      installed.uninstall();
      await bus.publish(anOrderPlaced());
      await bus.drain();

      expect(telemetry.spans().map((span) => span.kind)).to.deep.equal([
        SpanKind.PRODUCER,
        SpanKind.CONSUMER,
      ]);
    });
  });
});
