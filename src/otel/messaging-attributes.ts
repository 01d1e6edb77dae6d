// Attribute keys from OpenTelemetry's messaging semantic conventions (checked against
// @opentelemetry/semantic-conventions 1.45), and this package's own keys under `quantum_eventbus.`.
// The semantic-conventions package is not imported: `./otel` depends on @opentelemetry/api alone.

/** Deprecated in favour of `messaging.system.name`, still read by many backends: both are set. */
export const ATTR_MESSAGING_SYSTEM = 'messaging.system';
export const ATTR_MESSAGING_SYSTEM_NAME = 'messaging.system.name';
export const ATTR_MESSAGING_OPERATION_TYPE = 'messaging.operation.type';
export const ATTR_MESSAGING_OPERATION_NAME = 'messaging.operation.name';
export const ATTR_MESSAGING_DESTINATION_NAME = 'messaging.destination.name';
export const ATTR_MESSAGING_SUBSCRIPTION_NAME = 'messaging.destination.subscription.name';
export const ATTR_MESSAGING_MESSAGE_ID = 'messaging.message.id';
export const ATTR_MESSAGING_CONVERSATION_ID = 'messaging.message.conversation_id';
export const ATTR_ERROR_TYPE = 'error.type';

export const ATTR_CAUSATION_ID = 'quantum_eventbus.causation_id';
export const ATTR_DELIVERY_ATTEMPT = 'quantum_eventbus.delivery.attempt';
export const ATTR_DELIVERY_WILL_RETRY = 'quantum_eventbus.delivery.will_retry';
export const ATTR_DEAD_LETTER_ID = 'quantum_eventbus.dead_letter.id';
export const ATTR_DEAD_LETTER_ATTEMPTS = 'quantum_eventbus.dead_letter.attempts';

/** `messaging.operation.type` values. `send` replaced the deprecated `publish`. */
export const OPERATION_TYPE_SEND = 'send';
export const OPERATION_TYPE_PROCESS = 'process';
export const OPERATION_TYPE_SETTLE = 'settle';

/** `error.type` for a thrown value that is not an `Error`. */
export const OTHER_ERROR_TYPE = '_OTHER';

/** The `error.type` of a failure: the error's name (its class for this package's errors). */
export function errorType(error: unknown): string {
  return error instanceof Error ? error.name : OTHER_ERROR_TYPE;
}

/** What `span.recordException()` and the span status are given for a thrown value. */
export function describeError(error: unknown): {
  readonly exception: Error | string;
  readonly message: string;
} {
  if (error instanceof Error) return { exception: error, message: error.message };
  const message = typeof error === 'string' ? error : printable(error);
  return { exception: message, message };
}

function printable(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
