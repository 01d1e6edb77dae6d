// Public API of `@quantum-trader/eventbus` (the core entry point). No runtime dependency.
export type { Event, EventHeaders, EventOptions } from './events/event.js';
export { createEvent, createEventFactory } from './events/create-event.js';
export { BaseEvent } from './events/base-event.js';
export type { EventClass } from './events/base-event.js';
export { isBusEvent, assertValidEvent } from './events/validate-event.js';
export { MAX_EVENT_TYPE_LENGTH } from './events/event-type.js';
export type {
  AnyEvents,
  BusEvent,
  EventSelector,
  EventType,
  MatchingTypes,
  SelectedEvent,
  WildcardPattern,
} from './events/event-map.js';

export type { EventBus } from './bus/event-bus.js';
export {
  InMemoryEventBus,
  DEFAULT_STOP_TIMEOUT_MS,
  DEFAULT_PUBLISH_AND_WAIT_TIMEOUT_MS,
} from './bus/in-memory-event-bus.js';
export type { InMemoryEventBusOptions, OverflowPolicy } from './bus/in-memory-event-bus-options.js';
export type { DeliveryContext, EventHandler, SubscribeOptions, Subscription } from './bus/subscription.js';
export type { StopOptions, StopReport, UndeliveredEvent } from './bus/stop-report.js';
export type { DeliveryOutcome, PublishAndWaitOptions, PublishResult } from './bus/publish-result.js';
export type { BusState, BusStats, SubscriptionStats } from './bus/bus-stats.js';
export type {
  BusInstrumentation,
  DeliveryInfo,
  InstalledInstrumentation,
} from './bus/bus-instrumentation.js';
export type { DeliveryFailure } from './bus/delivery-failure.js';

export type { RetryOptions } from './delivery/retry-options.js';
export { DEFAULT_RETRY_INITIAL_DELAY_MS, DEFAULT_RETRY_MAX_DELAY_MS } from './delivery/retry-policy.js';
export type { DeadLetter, DeadLetterSink } from './delivery/dead-letter.js';
export { InMemoryDeadLetterSink } from './delivery/in-memory-dead-letter-sink.js';
export { makeIdempotent, InMemoryIdempotencyStore } from './delivery/make-idempotent.js';
export type { IdempotencyStore, IdempotencyOptions } from './delivery/make-idempotent.js';

export { runWithCorrelation, currentCausationScope } from './context/causation-context.js';
export type { CausationScope } from './context/causation-context.js';

export type { Logger, LogContext } from './logging/logger.js';
export { consoleLogger, silentLogger } from './logging/logger.js';

export { EventBusError } from './errors/event-bus-error.js';
export type { EventBusErrorCode } from './errors/event-bus-error.js';
export { InvalidEventError } from './errors/invalid-event-error.js';
export { InvalidSubscriptionError } from './errors/invalid-subscription-error.js';
export { InvalidOptionsError } from './errors/invalid-options-error.js';
export { BusClosedError } from './errors/bus-closed-error.js';
export { QueueFullError } from './errors/queue-full-error.js';
export { HandlerTimeoutError } from './errors/handler-timeout-error.js';
export { NotSupportedError } from './errors/not-supported-error.js';
export { UnknownDeadLetterError } from './errors/unknown-dead-letter-error.js';
