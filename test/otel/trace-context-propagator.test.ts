import { createTraceState, ROOT_CONTEXT, type SpanContext, TraceFlags, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { expect } from 'chai';
import { headersGetter, headersSetter } from '../../src/otel/headers-carrier.js';
import {
  formatTraceparent,
  parseTraceparent,
  TraceContextPropagator,
} from '../../src/otel/trace-context-propagator.js';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN_ID = '00f067aa0ba902b7';

function aSpanContext(overrides: Partial<SpanContext> = {}): SpanContext {
  return { traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: TraceFlags.SAMPLED, ...overrides };
}

describe('TraceContextPropagator', () => {
  describe('parseTraceparent()', () => {
    it('reads trace id, span id and flags of a version-00 header as a remote context', () => {
      expect(parseTraceparent(`00-${TRACE_ID}-${SPAN_ID}-01`)).to.deep.equal({
        traceId: TRACE_ID,
        spanId: SPAN_ID,
        traceFlags: 1,
        isRemote: true,
      });
    });

    it('accepts a later version with extra fields, as the spec asks', () => {
      expect(parseTraceparent(`cc-${TRACE_ID}-${SPAN_ID}-00-future`)?.traceFlags).to.equal(0);
    });

    for (const [why, value] of [
      ['version ff', `ff-${TRACE_ID}-${SPAN_ID}-01`],
      ['version 00 with extra fields', `00-${TRACE_ID}-${SPAN_ID}-01-extra`],
      ['an all-zero trace id', `00-${'0'.repeat(32)}-${SPAN_ID}-01`],
      ['an all-zero span id', `00-${TRACE_ID}-${'0'.repeat(16)}-01`],
      ['upper-case hex', `00-${TRACE_ID.toUpperCase()}-${SPAN_ID}-01`],
      ['a short trace id', `00-${TRACE_ID.slice(1)}-${SPAN_ID}-01`],
      ['garbage', 'not a traceparent'],
    ] as const) {
      it(`rejects ${why}`, () => {
        expect(parseTraceparent(value)).to.equal(undefined);
      });
    }
  });

  describe('formatTraceparent()', () => {
    it('writes version 00 with two-digit flags', () => {
      expect(formatTraceparent(aSpanContext())).to.equal(`00-${TRACE_ID}-${SPAN_ID}-01`);
      expect(formatTraceparent(aSpanContext({ traceFlags: TraceFlags.NONE }))).to.equal(
        `00-${TRACE_ID}-${SPAN_ID}-00`,
      );
    });
  });

  describe('inject() and extract()', () => {
    it('round-trips a span context and its trace state through event headers', () => {
      const propagator = new TraceContextPropagator();
      const headers: Record<string, string> = {};
      const sent = aSpanContext({ traceState: createTraceState('vendor=a,other=b') });
      propagator.inject(trace.setSpanContext(ROOT_CONTEXT, sent), headers, headersSetter);
      const received = trace.getSpanContext(propagator.extract(ROOT_CONTEXT, headers, headersGetter));

      expect(headers).to.deep.equal({
        traceparent: `00-${TRACE_ID}-${SPAN_ID}-01`,
        tracestate: 'vendor=a,other=b',
      });
      expect(received?.traceId).to.equal(TRACE_ID);
      expect(received?.spanId).to.equal(SPAN_ID);
      expect(received?.isRemote).to.equal(true);
      expect(received?.traceState?.get('vendor')).to.equal('a');
    });

    it('injects nothing for an invalid span context and extracts nothing from absent headers', () => {
      const propagator = new TraceContextPropagator();
      const headers: Record<string, string> = {};
      propagator.inject(
        trace.setSpanContext(ROOT_CONTEXT, aSpanContext({ traceId: '0'.repeat(32) })),
        headers,
        headersSetter,
      );

      expect(headers).to.deep.equal({});
      expect(propagator.extract(ROOT_CONTEXT, undefined, headersGetter)).to.equal(ROOT_CONTEXT);
      expect(propagator.extract(ROOT_CONTEXT, { traceparent: 'nonsense' }, headersGetter)).to.equal(
        ROOT_CONTEXT,
      );
    });

    it('interoperates with @opentelemetry/core W3CTraceContextPropagator both ways', () => {
      const ours = new TraceContextPropagator();
      const reference = new W3CTraceContextPropagator();
      const sent = trace.setSpanContext(ROOT_CONTEXT, aSpanContext({ traceState: createTraceState('k=v') }));
      const fromOurs: Record<string, string> = {};
      const fromReference: Record<string, string> = {};
      ours.inject(sent, fromOurs, headersSetter);
      reference.inject(sent, fromReference, headersSetter);

      expect(fromOurs).to.deep.equal(fromReference);
      const readByReference = trace.getSpanContext(reference.extract(ROOT_CONTEXT, fromOurs, headersGetter));
      const readByUs = trace.getSpanContext(ours.extract(ROOT_CONTEXT, fromReference, headersGetter));
      expect({ ...readByUs, traceState: undefined }).to.deep.equal({
        ...readByReference,
        traceState: undefined,
      });
      expect(readByUs?.traceState?.serialize()).to.equal(readByReference?.traceState?.serialize());
    });

    it('ignores inherited properties of a headers object', () => {
      const headers = Object.create({ traceparent: `00-${TRACE_ID}-${SPAN_ID}-01` }) as Record<
        string,
        string
      >;

      expect(new TraceContextPropagator().extract(ROOT_CONTEXT, headers, headersGetter)).to.equal(
        ROOT_CONTEXT,
      );
    });
  });
});
