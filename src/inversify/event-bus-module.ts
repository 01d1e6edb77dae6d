import { ContainerModule } from 'inversify';
import { InMemoryEventBus, type InMemoryEventBusOptions } from '../core/index.js';
import { TYPES } from './types.js';

/**
 * A `ContainerModule` that binds {@link TYPES.EventBus} to an {@link InMemoryEventBus} built with
 * `options`.
 *
 * Each container the module is loaded into gets its own bus, created on first resolution and kept
 * for the container's life (singleton scope); a child container resolves its parent's bus unless it
 * binds its own. The bus is not started here: {@link bootstrapEventBus} scans, then starts it.
 *
 * @param options - passed to the `InMemoryEventBus` constructor. @defaultValue `{}`
 * @example
 * ```ts
 * const container = new Container();
 * container.load(eventBusModule({ logger: pino() }));
 * ```
 */
export function eventBusModule(options: InMemoryEventBusOptions = {}): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(TYPES.EventBus)
      .toDynamicValue(() => new InMemoryEventBus(options))
      .inSingletonScope();
  });
}
