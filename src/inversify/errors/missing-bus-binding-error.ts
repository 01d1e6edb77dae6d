import { EventBusError } from '../../core/index.js';

/** Thrown by the container scanner when the container (and its parents) have no binding for the event bus. */
export class MissingBusBindingError extends EventBusError {
  readonly code = 'EBUS_MISSING_BUS_BINDING';

  constructor(
    /** The service identifier that was looked up, as text. */
    readonly serviceIdentifier: string,
  ) {
    super(
      `No event bus is bound to ${serviceIdentifier} in this container or its parents, so @OnEvent handlers ` +
        `have nowhere to subscribe. Load eventBusModule() (container.load(eventBusModule())) or bind one ` +
        `yourself (container.bind(TYPES.EventBus).toConstantValue(bus)).`,
    );
  }
}
