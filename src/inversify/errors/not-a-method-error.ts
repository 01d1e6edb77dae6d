import { EventBusError } from '../../core/index.js';

/** Thrown by `@OnEvent()` when it decorates anything but an instance method. Thrown as the class is defined. */
export class NotAMethodError extends EventBusError {
  readonly code = 'EBUS_NOT_A_METHOD';

  constructor(
    /** The decorated class. */
    readonly className: string,
    /** The decorated member, or `(class)` when the decorator was put on the class itself. */
    readonly member: string,
    /** What the member is instead: "a property", "an accessor", "a static method", ... */
    readonly kind: string,
  ) {
    super(
      `@OnEvent() is on ${className}.${member}, which is ${kind}, not an instance method. ` +
        `Put @OnEvent() on an instance method of a class bound in the container; the method receives the event.`,
    );
  }
}
