import type { MeterProvider, TextMapPropagator, TracerProvider } from '@opentelemetry/api';

/** The value of `messaging.system` unless {@link InstrumentEventBusOptions.system} says otherwise. */
export const DEFAULT_MESSAGING_SYSTEM = 'quantum_eventbus';

/** The instrumentation scope (tracer and meter name) of every span and metric `./otel` records. */
export const INSTRUMENTATION_SCOPE_NAME = '@quantum-trader/eventbus';

/** Options of {@link instrumentEventBus}. Every field is optional. */
export interface InstrumentEventBusOptions {
  /** Where spans go. @defaultValue the global tracer provider (`trace.setGlobalTracerProvider()`, or the OpenTelemetry Node SDK) */
  readonly tracerProvider?: TracerProvider;
  /** Where metrics go. @defaultValue the global meter provider (`metrics.setGlobalMeterProvider()`, or the OpenTelemetry Node SDK) */
  readonly meterProvider?: MeterProvider;
  /**
   * How trace context is written into and read from event headers. When set, it is used alone.
   * @defaultValue W3C Trace Context (`traceparent`, `tracestate`), plus whatever the global propagator adds (baggage, B3, ...)
   */
  readonly propagator?: TextMapPropagator;
  /**
   * The `messaging.system` (and `messaging.system.name`) attribute of every span, e.g. `redis` for a
   * bus that is a Redis Streams transport. @defaultValue {@link DEFAULT_MESSAGING_SYSTEM}
   */
  readonly system?: string;
}

/** What {@link instrumentEventBus} returns: removes the instrumentation from the bus. */
export interface EventBusInstrumentation extends Disposable {
  /** Removes the hooks and the queue-depth gauge; calling it twice is harmless. Same as `[Symbol.dispose]()`. */
  uninstall(): void;
}
