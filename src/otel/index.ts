// Public API of `@quantum-trader/eventbus/otel`: OpenTelemetry spans and metrics around any EventBus.
// Depends on @opentelemetry/api only (an optional peer dependency of the package).
export { instrumentEventBus } from './instrument-event-bus.js';
export { DEFAULT_MESSAGING_SYSTEM, INSTRUMENTATION_SCOPE_NAME } from './instrument-event-bus-options.js';
export type { EventBusInstrumentation, InstrumentEventBusOptions } from './instrument-event-bus-options.js';
