import type { Container } from 'inversify';
import type { EventBus, StopOptions, StopReport } from '../core/index.js';
import type { EventHandlerRegistry } from './event-handler-registry.js';
import { registerEventHandlers, type RegisterEventHandlersOptions } from './register-event-handlers.js';

/** A running bus with its `@OnEvent` handlers, as given by {@link bootstrapEventBus}. */
export interface EventBusHandle extends AsyncDisposable {
  readonly bus: EventBus;
  readonly registry: EventHandlerRegistry;
  /**
   * Stops the bus gracefully (it refuses new events, finishes queued and running work up to
   * `options.timeoutMs`), then unsubscribes the handlers. Resolves with the bus's report.
   * Calling it again gives the same report.
   */
  stop(options?: StopOptions): Promise<StopReport>;
}

/**
 * Wires an application in one call: scans `container` for `@OnEvent` handlers
 * ({@link registerEventHandlers}), then starts the bus. The scan ends before the bus dispatches, so
 * events published before or during the scan are queued and delivered, not lost.
 *
 * @throws what {@link registerEventHandlers} throws; the bus is not started then.
 * @example
 * ```ts
 * const app = await bootstrapEventBus(container);
 * process.once('SIGTERM', () => void app.stop().then((report) => log.info(report)));
 * ```
 */
export async function bootstrapEventBus(
  container: Container,
  options: RegisterEventHandlersOptions = {},
): Promise<EventBusHandle> {
  const registry = await registerEventHandlers(container, options);
  const { bus } = registry;
  bus.start();
  let stopping: Promise<StopReport> | undefined;
  const stop = (stopOptions?: StopOptions): Promise<StopReport> => {
    stopping ??= bus.stop(stopOptions).then((report) => {
      registry.dispose();
      return report;
    });
    return stopping;
  };
  return {
    bus,
    registry,
    stop,
    [Symbol.asyncDispose]: async () => {
      await stop();
    },
  };
}
