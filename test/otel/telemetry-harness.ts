// Test doubles for the OpenTelemetry SDK side: in-memory spans, metrics collected on demand, and an
// AsyncLocalStorage context manager like the one @opentelemetry/sdk-node registers.
import { AsyncLocalStorage } from 'node:async_hooks';
import {
  type Attributes,
  type Context,
  type ContextManager,
  ROOT_CONTEXT,
  SpanKind,
} from '@opentelemetry/api';
import {
  DataPointType,
  type Histogram,
  type MetricData,
  MeterProvider,
  MetricReader,
} from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { createEvent, type Event, InMemoryEventBus, silentLogger } from '../../src/core/index.js';
import { instrumentEventBus } from '../../src/otel/index.js';
import { anOrderPlaced, type TestEvents } from '../core/test-events.js';

/** A reader that collects only when asked: no timers, fully deterministic. */
class OnDemandMetricReader extends MetricReader {
  protected override async onShutdown(): Promise<void> {}
  protected override async onForceFlush(): Promise<void> {}
}

/** The metrics of one collection, with lookups by name and attributes. */
export class CollectedMetrics {
  constructor(readonly metrics: readonly MetricData[]) {}

  find(name: string): MetricData | undefined {
    return this.metrics.find((metric) => metric.descriptor.name === name);
  }

  /** Sum of a counter's data points whose attributes include `attributes`. */
  sum(name: string, attributes: Attributes = {}): number {
    const metric = this.find(name);
    if (metric === undefined) return 0;
    if (metric.dataPointType !== DataPointType.SUM) throw new Error(`${name} is not a sum`);
    return metric.dataPoints
      .filter((point) => includes(point.attributes, attributes))
      .reduce((total, point) => total + point.value, 0);
  }

  /** The histogram data points of `name` whose attributes include `attributes`. */
  histograms(name: string, attributes: Attributes = {}): Histogram[] {
    const metric = this.find(name);
    if (metric === undefined) return [];
    if (metric.dataPointType !== DataPointType.HISTOGRAM) throw new Error(`${name} is not a histogram`);
    return metric.dataPoints
      .filter((point) => includes(point.attributes, attributes))
      .map((point) => point.value);
  }

  /** The values a gauge reported. */
  gauge(name: string): number[] {
    const metric = this.find(name);
    if (metric === undefined) return [];
    if (metric.dataPointType !== DataPointType.GAUGE) throw new Error(`${name} is not a gauge`);
    return metric.dataPoints.map((point) => point.value);
  }
}

function includes(actual: Attributes, expected: Attributes): boolean {
  return Object.entries(expected).every(([key, value]) => actual[key] === value);
}

/** A tracer provider and a meter provider that keep everything in memory. */
export class Telemetry {
  readonly exporter = new InMemorySpanExporter();
  readonly tracerProvider = new BasicTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(this.exporter)],
  });
  readonly #reader = new OnDemandMetricReader();
  readonly meterProvider = new MeterProvider({ readers: [this.#reader] });

  spans(): ReadableSpan[] {
    return this.exporter.getFinishedSpans();
  }

  /** The one finished span called `name`; fails if there is none or several. */
  span(name: string, attributes: Attributes = {}): ReadableSpan {
    const found = this.spans().filter((span) => span.name === name && includes(span.attributes, attributes));
    if (found.length !== 1) {
      const names = this.spans().map((span) => `${span.name} (${SpanKind[span.kind]})`);
      throw new Error(`expected one span "${name}", found ${found.length} among: ${names.join(', ')}`);
    }
    return found[0] as ReadableSpan;
  }

  async collect(): Promise<CollectedMetrics> {
    const { resourceMetrics, errors } = await this.#reader.collect();
    if (errors.length > 0) throw new AggregateError(errors, 'metric collection failed');
    return new CollectedMetrics(resourceMetrics.scopeMetrics.flatMap((scope) => scope.metrics));
  }

  async shutdown(): Promise<void> {
    await this.tracerProvider.shutdown();
    await this.meterProvider.shutdown();
  }
}

/** True if `child` was started as a child of `parent`. */
export function isChildOf(child: ReadableSpan, parent: ReadableSpan): boolean {
  return (
    child.parentSpanContext?.spanId === parent.spanContext().spanId &&
    child.spanContext().traceId === parent.spanContext().traceId
  );
}

/** What `@opentelemetry/context-async-hooks` provides, in a few lines: `context.active()` follows `await`. */
export class AsyncLocalStorageContextManager implements ContextManager {
  readonly #storage = new AsyncLocalStorage<Context>();

  active(): Context {
    return this.#storage.getStore() ?? ROOT_CONTEXT;
  }

  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    context: Context,
    fn: F,
    thisArg?: ThisParameterType<F>,
    ...args: A
  ): ReturnType<F> {
    return this.#storage.run(context, () => fn.call(thisArg, ...args));
  }

  bind<T>(_context: Context, target: T): T {
    return target;
  }

  enable(): this {
    return this;
  }

  disable(): this {
    this.#storage.disable();
    return this;
  }
}

/** Runs order.placed -> "fill-order" publishes order.filled -> "record-fill"; returns the first event. */
export async function runOrderFlow(bus: InMemoryEventBus<TestEvents>): Promise<Event> {
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

/**
 * Mocha wiring: a fresh {@link Telemetry} and bus for each test of the enclosing `describe`, handed
 * to `receive`; after each test the bus is stopped and the telemetry shut down.
 */
export function useTelemetryBus(
  receive: (telemetry: Telemetry, bus: InMemoryEventBus<TestEvents>) => void,
): void {
  let telemetry: Telemetry | undefined;
  let bus: InMemoryEventBus<TestEvents> | undefined;
  beforeEach(() => {
    telemetry = new Telemetry();
    bus = new InMemoryEventBus<TestEvents>({ logger: silentLogger });
    receive(telemetry, bus);
  });
  afterEach(async () => {
    await bus?.stop();
    await telemetry?.shutdown();
  });
}

/** Installs the instrumentation on `bus`, with `telemetry`'s tracer and meter providers. */
export function instrumentWith(telemetry: Telemetry, bus: InMemoryEventBus<TestEvents>): Disposable {
  return instrumentEventBus(bus, {
    tracerProvider: telemetry.tracerProvider,
    meterProvider: telemetry.meterProvider,
  });
}
