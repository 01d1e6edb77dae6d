import { EventBusError } from '../../core/index.js';

/**
 * Thrown by the container scanner when a class with `@OnEvent` methods (or the event bus itself)
 * cannot be resolved from the container. Nothing of that scan stays subscribed; `cause` holds
 * inversify's error.
 */
export class HandlerResolutionError extends EventBusError {
  readonly code = 'EBUS_HANDLER_RESOLUTION';

  constructor(
    /** The class that could not be resolved. */
    readonly className: string,
    /** Its service identifier, as text. */
    readonly serviceIdentifier: string,
    cause: unknown,
  ) {
    super(
      `Cannot resolve ${className} (bound to ${serviceIdentifier}) while registering @OnEvent handlers: ` +
        `${cause instanceof Error ? cause.message : String(cause)}. Check that every constructor ` +
        `parameter has @inject(token) and that each token is bound in this container or a parent.`,
      { cause },
    );
  }
}
