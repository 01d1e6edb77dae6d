import { createNoopMeter, type Meter, metrics, trace } from '@opentelemetry/api';
import { type EventBus, InvalidOptionsError } from '../core/index.js';
import { EventMetrics } from './event-metrics.js';
import { EventTracing } from './event-tracing.js';
import { installTracing } from './install-tracing.js';
import {
  DEFAULT_MESSAGING_SYSTEM,
  type EventBusInstrumentation,
  INSTRUMENTATION_SCOPE_NAME,
  type InstrumentEventBusOptions,
} from './instrument-event-bus-options.js';

/** The API's no-op meter (what `metrics.getMeter()` returns without an SDK), recognised by its class. */
const NOOP_METER_PROTOTYPE: unknown = Object.getPrototypeOf(createNoopMeter());

function isNoopMeter(meter: Meter): boolean {
  return Object.getPrototypeOf(meter) === NOOP_METER_PROTOTYPE;
}

function hasMethods(value: unknown, ...names: string[]): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    names.every((name) => typeof (value as Record<string, unknown>)[name] === 'function')
  );
}

function validate(options: InstrumentEventBusOptions): void {
  const { tracerProvider, meterProvider, propagator, system } = options;
  if (tracerProvider !== undefined && !hasMethods(tracerProvider, 'getTracer'))
    throw new InvalidOptionsError(
      'tracerProvider',
      'must be an OpenTelemetry TracerProvider (with getTracer())',
    );
  if (meterProvider !== undefined && !hasMethods(meterProvider, 'getMeter'))
    throw new InvalidOptionsError(
      'meterProvider',
      'must be an OpenTelemetry MeterProvider (with getMeter())',
    );
  if (propagator !== undefined && !hasMethods(propagator, 'inject', 'extract'))
    throw new InvalidOptionsError(
      'propagator',
      'must be an OpenTelemetry TextMapPropagator (with inject() and extract())',
    );
  if (system !== undefined && (typeof system !== 'string' || system.length === 0))
    throw new InvalidOptionsError('system', `must be a non-empty string, got ${typeof system}`);
}

/**
 * Traces and measures everything `bus` does, through the OpenTelemetry API: a PRODUCER span per
 * published event, a CONSUMER span per delivery attempt, and counters, a handler-duration histogram
 * and a queue-depth gauge.
 *
 * Guarantees, once installed:
 * - Each published event carries its PRODUCER span's context in `headers.traceparent` (W3C Trace
 *   Context), so the CONSUMER spans of its deliveries are its children, in this process or, over a
 *   transport that keeps headers, in another.
 * - An event published by a handler is a child of that handler's CONSUMER span, with or without a
 *   global context manager and after any number of `await`s; the whole causal chain is one trace.
 * - A failed attempt records the exception and sets the error status; a dead-lettered delivery gets a
 *   `dead_letter {type}` span under its last attempt.
 * - Events published before installation, and a bus without it, carry no trace headers and pay nothing.
 * - Without an SDK (the API's no-op global providers) it starts no span and delivers events as they
 *   were published; a trace context that is active, or that the handled event carries, still passes
 *   on to the events a handler publishes. An SDK registered globally later is picked up at the next
 *   publish on the bus (on a transport such as Redis, also at the next delivery).
 *
 * Install it once per bus. Spans of deliveries still running when it is uninstalled are not ended.
 *
 * @throws {@link InvalidOptionsError} if a provider, the propagator or `system` is not usable.
 * @example
 * ```ts
 * const bus = new InMemoryEventBus<QuantumTraderEvents>();
 * using telemetry = instrumentEventBus(bus); // global providers, e.g. set up by @opentelemetry/sdk-node
 * bus.start();
 * ```
 */
export function instrumentEventBus(
  bus: Pick<EventBus, 'instrument' | 'stats'>,
  options: InstrumentEventBusOptions = {},
): EventBusInstrumentation {
  validate(options);
  const tracerProvider = options.tracerProvider ?? trace.getTracerProvider();
  const tracer = tracerProvider.getTracer(INSTRUMENTATION_SCOPE_NAME);
  const tracing = new EventTracing(tracer, options.propagator, options.system ?? DEFAULT_MESSAGING_SYSTEM);
  const installed = [installTracing(bus, tracerProvider, tracing)];
  const meter = (options.meterProvider ?? metrics.getMeterProvider()).getMeter(INSTRUMENTATION_SCOPE_NAME);
  // The API has no proxy for meters: one that is a no-op now stays one, so its hooks would only cost.
  const eventMetrics = isNoopMeter(meter) ? undefined : new EventMetrics(meter, () => bus.stats().queued);
  if (eventMetrics !== undefined) installed.push(bus.instrument(eventMetrics));
  let uninstalled = false;
  const uninstall = (): void => {
    if (uninstalled) return;
    uninstalled = true;
    for (const handle of installed) handle[Symbol.dispose]();
    tracing.dispose();
    eventMetrics?.dispose();
  };
  return { uninstall, [Symbol.dispose]: uninstall };
}
