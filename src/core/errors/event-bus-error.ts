/** The stable machine-readable codes of every error this package throws. */
export type EventBusErrorCode =
  | 'EBUS_INVALID_EVENT'
  | 'EBUS_INVALID_SUBSCRIPTION'
  | 'EBUS_INVALID_OPTIONS'
  | 'EBUS_BUS_CLOSED'
  | 'EBUS_QUEUE_FULL'
  | 'EBUS_HANDLER_TIMEOUT'
  | 'EBUS_WAIT_TIMEOUT'
  | 'EBUS_DELIVERY_LIMIT'
  | 'EBUS_NOT_SUPPORTED'
  | 'EBUS_UNKNOWN_DEAD_LETTER'
  | 'EBUS_NOT_A_METHOD'
  | 'EBUS_MISSING_BUS_BINDING'
  | 'EBUS_HANDLER_RESOLUTION'
  | 'EBUS_MALFORMED_MESSAGE'
  | 'EBUS_TRANSPORT';

const EVENT_BUS_ERROR = Symbol.for('@quantum-trader/eventbus:EventBusError');

/**
 * The base class of every error this package throws.
 *
 * Each subclass has a stable {@link EventBusError.code}; match on it (or on the class) rather than on
 * the message text, which may be reworded in any release.
 */
export abstract class EventBusError extends Error {
  /** A stable `EBUS_*` code that names the kind of failure. */
  abstract readonly code: EventBusErrorCode;
  readonly [EVENT_BUS_ERROR] = true;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }

  /** True for any error of this package, even when two copies of it are loaded and `instanceof` fails. */
  static is(value: unknown): value is EventBusError {
    return typeof value === 'object' && value !== null && EVENT_BUS_ERROR in value;
  }
}
