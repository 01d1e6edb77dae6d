// The tracing half of instrumentEventBus(): a PRODUCER span per publish and a CONSUMER span per
// delivery attempt, linked through W3C trace context in the event's headers.
import { AsyncLocalStorage } from 'node:async_hooks';
import {
  type Attributes,
  type Context,
  context,
  isSpanContextValid,
  propagation,
  ROOT_CONTEXT,
  type Span,
  type SpanContext,
  SpanKind,
  SpanStatusCode,
  type TextMapPropagator,
  trace,
  type Tracer,
} from '@opentelemetry/api';
import type { BusInstrumentation, DeadLetter, DeliveryInfo, Event, EventHeaders } from '../core/index.js';
import { headersGetter, headersSetter } from './headers-carrier.js';
import {
  ATTR_CAUSATION_ID,
  ATTR_DEAD_LETTER_ATTEMPTS,
  ATTR_DEAD_LETTER_ID,
  ATTR_DELIVERY_ATTEMPT,
  ATTR_DELIVERY_WILL_RETRY,
  ATTR_ERROR_TYPE,
  ATTR_MESSAGING_CONVERSATION_ID,
  ATTR_MESSAGING_DESTINATION_NAME,
  ATTR_MESSAGING_MESSAGE_ID,
  ATTR_MESSAGING_OPERATION_NAME,
  ATTR_MESSAGING_OPERATION_TYPE,
  ATTR_MESSAGING_SUBSCRIPTION_NAME,
  ATTR_MESSAGING_SYSTEM,
  ATTR_MESSAGING_SYSTEM_NAME,
  describeError,
  errorType,
  OPERATION_TYPE_PROCESS,
  OPERATION_TYPE_SEND,
  OPERATION_TYPE_SETTLE,
} from './messaging-attributes.js';
import { TraceContextPropagator } from './trace-context-propagator.js';
import { withHeaders } from './with-headers.js';

/** Final failed attempts kept until their dead letter is stored; a sink that fails never claims its entry. */
const MAX_PENDING_DEAD_LETTERS = 1024;
const W3C = new TraceContextPropagator();

function isValid(spanContext: SpanContext | undefined): spanContext is SpanContext {
  return spanContext !== undefined && isSpanContextValid(spanContext);
}

function deliveryKey(subscriptionId: string, event: Event): string {
  return `${subscriptionId}\u0000${event.id}`;
}

export class EventTracing implements BusInstrumentation {
  readonly #tracer: Tracer;
  readonly #propagator: TextMapPropagator | undefined;
  readonly #system: string;
  /** The CONSUMER span of each running attempt; the bus hands the same DeliveryInfo to every hook of an attempt. */
  readonly #spans = new WeakMap<DeliveryInfo, Span>();
  /**
   * The CONSUMER context of the handler running in this asynchronous flow. Without a global context
   * manager, `context.active()` is ROOT after a handler's first `await`; this keeps the parent of the
   * events it publishes. Core's causation scope is not enough: it names the event, and several
   * subscriptions may be handling that event at once.
   */
  readonly #delivering = new AsyncLocalStorage<Context>();
  readonly #finalAttempts = new Map<string, Context>();

  constructor(tracer: Tracer, propagator: TextMapPropagator | undefined, system: string) {
    this.#tracer = tracer;
    this.#propagator = propagator;
    this.#system = system;
  }

  beforePublish(event: Event): Event | undefined {
    return this.publishUnder(event, this.#publishParent(event));
  }

  /** Starts and ends the PRODUCER span of `event` under `parent`; returns the event with its trace headers. */
  publishUnder(event: Event, parent: Context): Event | undefined {
    const span = this.#tracer.startSpan(
      `publish ${event.type}`,
      { kind: SpanKind.PRODUCER, attributes: this.#attributes(event, 'publish', OPERATION_TYPE_SEND) },
      parent,
    );
    const injected: Record<string, string> = {};
    this.#inject(trace.setSpan(parent, span), injected);
    span.end();
    // Nothing to carry (a no-op tracer): enqueue the event as it is rather than a copy.
    if (Object.keys(injected).length === 0) return undefined;
    if (event.headers === undefined) return withHeaders(event, injected);
    // Drop trace fields from an earlier hop (a forwarded event's tracestate) so none outlives its traceparent.
    const headers = { ...event.headers };
    for (const field of this.#fields()) delete headers[field];
    return withHeaders(event, Object.assign(headers, injected));
  }

  aroundDelivery(delivery: DeliveryInfo, invoke: () => unknown): unknown {
    const { event } = delivery;
    // ROOT, not context.active(): the dispatcher loop may run inside whatever context started the bus.
    const parent = event.headers === undefined ? ROOT_CONTEXT : this.extract(event.headers);
    const producer = trace.getSpanContext(parent);
    const attributes = this.#attributes(event, 'process', OPERATION_TYPE_PROCESS);
    attributes[ATTR_MESSAGING_SUBSCRIPTION_NAME] = delivery.subscription;
    attributes[ATTR_DELIVERY_ATTEMPT] = delivery.attempt;
    const span = this.#tracer.startSpan(
      `process ${event.type}`,
      { kind: SpanKind.CONSUMER, attributes, links: isValid(producer) ? [{ context: producer }] : undefined },
      parent,
    );
    this.#spans.set(delivery, span);
    const active = trace.setSpan(parent, span);
    return context.with(active, () => this.#delivering.run(active, invoke));
  }

  deliverySucceeded(delivery: DeliveryInfo): void {
    const span = this.#spans.get(delivery);
    if (span === undefined) return;
    this.#spans.delete(delivery);
    span.end();
  }

  deliveryFailed(delivery: DeliveryInfo, error: unknown, _durationMs: number, willRetry: boolean): void {
    const span = this.#spans.get(delivery);
    if (span === undefined) return;
    this.#spans.delete(delivery);
    const { exception, message } = describeError(error);
    span.recordException(exception);
    span.setStatus({ code: SpanStatusCode.ERROR, message });
    span.setAttribute(ATTR_ERROR_TYPE, errorType(error));
    span.setAttribute(ATTR_DELIVERY_WILL_RETRY, willRetry);
    span.end();
    if (!willRetry) this.#rememberFinalAttempt(deliveryKey(delivery.subscriptionId, delivery.event), span);
  }

  deadLettered(letter: DeadLetter): void {
    const { event } = letter;
    const key = deliveryKey(letter.subscriptionId, event);
    const parent =
      this.#finalAttempts.get(key) ??
      (event.headers === undefined ? ROOT_CONTEXT : this.extract(event.headers));
    this.#finalAttempts.delete(key);
    const attributes = this.#attributes(event, 'dead_letter', OPERATION_TYPE_SETTLE);
    attributes[ATTR_MESSAGING_SUBSCRIPTION_NAME] = letter.subscription;
    attributes[ATTR_DEAD_LETTER_ID] = letter.id;
    attributes[ATTR_DEAD_LETTER_ATTEMPTS] = letter.attempts;
    attributes[ATTR_ERROR_TYPE] = errorType(letter.error);
    const span = this.#tracer.startSpan(
      `dead_letter ${event.type}`,
      { kind: SpanKind.INTERNAL, attributes },
      parent,
    );
    const { exception, message } = describeError(letter.error);
    span.recordException(exception);
    span.setStatus({
      code: SpanStatusCode.ERROR,
      message: `dead-lettered after ${letter.attempts} attempt(s): ${message}`,
    });
    span.end();
  }

  /**
   * Disables the handlers' context storage. Once used, an AsyncLocalStorage stays enabled, and adds
   * to the cost of every promise in the process, until it is disabled. Call it once uninstalled.
   */
  dispose(): void {
    this.#delivering.disable();
  }

  /** The active span if there is one, else the handler being run, else the trace the event already carries. */
  #publishParent(event: Event): Context {
    const active = context.active();
    if (isValid(trace.getSpanContext(active))) return active;
    const delivering = this.#delivering.getStore();
    if (delivering !== undefined) return delivering;
    return event.headers === undefined ? active : this.extract(event.headers, active);
  }

  /** The trace context `headers` carry, on top of `base`; `base` itself when they carry none. */
  extract(headers: EventHeaders, base: Context = ROOT_CONTEXT): Context {
    if (this.#propagator !== undefined) return this.#propagator.extract(base, headers, headersGetter);
    const extracted = propagation.extract(base, headers, headersGetter);
    return isValid(trace.getSpanContext(extracted))
      ? extracted
      : W3C.extract(extracted, headers, headersGetter);
  }

  #inject(active: Context, carrier: Record<string, string>): void {
    if (this.#propagator !== undefined) {
      this.#propagator.inject(active, carrier, headersSetter);
      return;
    }
    W3C.inject(active, carrier, headersSetter);
    propagation.inject(active, carrier, headersSetter);
  }

  #fields(): string[] {
    return this.#propagator?.fields() ?? [...W3C.fields(), ...propagation.fields()];
  }

  #rememberFinalAttempt(key: string, span: Span): void {
    if (this.#finalAttempts.size >= MAX_PENDING_DEAD_LETTERS) {
      const oldest = this.#finalAttempts.keys().next();
      if (oldest.done !== true) this.#finalAttempts.delete(oldest.value);
    }
    this.#finalAttempts.set(key, trace.setSpan(ROOT_CONTEXT, span));
  }

  #attributes(event: Event, operationName: string, operationType: string): Attributes {
    const attributes: Attributes = {
      [ATTR_MESSAGING_SYSTEM]: this.#system,
      [ATTR_MESSAGING_SYSTEM_NAME]: this.#system,
      [ATTR_MESSAGING_OPERATION_TYPE]: operationType,
      [ATTR_MESSAGING_OPERATION_NAME]: operationName,
      [ATTR_MESSAGING_DESTINATION_NAME]: event.type,
      [ATTR_MESSAGING_MESSAGE_ID]: event.id,
    };
    if (event.correlationId !== undefined) attributes[ATTR_MESSAGING_CONVERSATION_ID] = event.correlationId;
    if (event.causationId !== undefined) attributes[ATTR_CAUSATION_ID] = event.causationId;
    return attributes;
  }
}
