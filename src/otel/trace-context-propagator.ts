// W3C Trace Context (https://www.w3.org/TR/trace-context/) for event headers, written against
// @opentelemetry/api alone: the W3CTraceContextPropagator of @opentelemetry/core would make `./otel`
// depend on an SDK package, and the global propagator is a no-op unless the application registers one.
import {
  type Context,
  createTraceState,
  isSpanContextValid,
  type SpanContext,
  type TextMapGetter,
  type TextMapPropagator,
  type TextMapSetter,
  trace,
} from '@opentelemetry/api';

/** The header that carries the trace id, parent span id and sampling flag. */
export const TRACEPARENT_HEADER = 'traceparent';
/** The header that carries vendor-specific trace state. */
export const TRACESTATE_HEADER = 'tracestate';

const TRACEPARENT = /^([\da-f]{2})-([\da-f]{32})-([\da-f]{16})-([\da-f]{2})(-.*)?$/;
const ZERO_TRACE_ID = '0'.repeat(32);
const ZERO_SPAN_ID = '0'.repeat(16);

/** Parses a `traceparent` value into a remote span context, or `undefined` if it is malformed. */
export function parseTraceparent(value: string): SpanContext | undefined {
  const match = TRACEPARENT.exec(value.trim());
  if (match === null) return undefined;
  const version = match[1] as string;
  const traceId = match[2] as string;
  const spanId = match[3] as string;
  const flags = match[4] as string;
  // Version ff is forbidden; version 00 has exactly four fields, later versions may append more.
  if (version === 'ff' || (version === '00' && match[5] !== undefined)) return undefined;
  if (traceId === ZERO_TRACE_ID || spanId === ZERO_SPAN_ID) return undefined;
  return { traceId, spanId, traceFlags: Number.parseInt(flags, 16), isRemote: true };
}

/** Formats `spanContext` as a version-00 `traceparent` value. */
export function formatTraceparent(spanContext: SpanContext): string {
  const flags = (spanContext.traceFlags & 0xff).toString(16).padStart(2, '0');
  return `00-${spanContext.traceId}-${spanContext.spanId}-${flags}`;
}

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Injects and extracts `traceparent` and `tracestate`; needs no global propagator. */
export class TraceContextPropagator implements TextMapPropagator {
  inject(context: Context, carrier: unknown, setter: TextMapSetter): void {
    const spanContext = trace.getSpanContext(context);
    if (spanContext === undefined || !isSpanContextValid(spanContext)) return;
    setter.set(carrier, TRACEPARENT_HEADER, formatTraceparent(spanContext));
    const state = spanContext.traceState?.serialize();
    if (state !== undefined && state.length > 0) setter.set(carrier, TRACESTATE_HEADER, state);
  }

  extract(context: Context, carrier: unknown, getter: TextMapGetter): Context {
    const traceparent = firstValue(getter.get(carrier, TRACEPARENT_HEADER));
    if (typeof traceparent !== 'string') return context;
    const spanContext = parseTraceparent(traceparent);
    if (spanContext === undefined) return context;
    const state = getter.get(carrier, TRACESTATE_HEADER);
    const joined = Array.isArray(state) ? state.join(',') : state;
    if (typeof joined === 'string' && joined.length > 0) spanContext.traceState = createTraceState(joined);
    return trace.setSpanContext(context, spanContext);
  }

  fields(): string[] {
    return [TRACEPARENT_HEADER, TRACESTATE_HEADER];
  }
}
