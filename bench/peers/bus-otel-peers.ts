import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, BatchSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { instrumentEventBus } from '../../src/otel/index.js';
import { createBusPeer } from './in-memory-bus-peer.js';

/** An exporter that drops every batch: the bench measures recording spans, not shipping them. */
const discardingExporter: SpanExporter = {
  export: (_spans, done) => done({ code: 0 }),
  shutdown: () => Promise.resolve(),
};

/**
 * `instrumentEventBus()` installed while the application has no OpenTelemetry SDK: the API's no-op
 * tracer and meter. What a library user pays for instrumentation they have not switched on.
 */
export const busUntracedPeer = createBusPeer({
  id: 'bus-untraced',
  name: 'InMemoryEventBus + OpenTelemetry installed, no SDK',
  attach: (bus) => {
    const telemetry = instrumentEventBus(bus);
    return Promise.resolve(() => Promise.resolve(telemetry.uninstall()));
  },
});

/**
 * `instrumentEventBus()` with the SDK: every span sampled and handed to a batch processor, metrics
 * aggregated by a meter provider with a periodic reader (which never fires during a run).
 */
export const busTracedPeer = createBusPeer({
  id: 'bus-traced',
  name: 'InMemoryEventBus + OpenTelemetry tracing and metrics (SDK)',
  attach: (bus) => {
    const tracerProvider = new BasicTracerProvider({
      spanProcessors: [new BatchSpanProcessor(discardingExporter)],
    });
    const meterProvider = new MeterProvider({
      readers: [
        new PeriodicExportingMetricReader({
          exporter: new InMemoryMetricExporter(AggregationTemporality.DELTA),
          exportIntervalMillis: 60_000,
        }),
      ],
    });
    const telemetry = instrumentEventBus(bus, { tracerProvider, meterProvider });
    return Promise.resolve(async () => {
      telemetry.uninstall();
      await tracerProvider.shutdown();
      await meterProvider.shutdown();
    });
  },
});
