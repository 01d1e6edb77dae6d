import type { Container, ContainerModule } from 'inversify';
import type { SinonSandbox } from 'sinon';
import type { AnyEvents, EventBus } from '../core/index.js';
import type { EventHandlerRegistry } from '../inversify/index.js';
import { createMockEventBus, type MockEventBus } from './create-mock-event-bus.js';

/** Options of {@link createTestContainer}. Every field is optional. */
export interface TestContainerOptions {
  /** A container to wire (e.g. the one your composition root builds). @defaultValue a new `Container` */
  readonly container?: Container;
  /** Modules to load into it before wiring. @defaultValue none */
  readonly modules?: readonly ContainerModule[];
  /** Creates the mock bus's stubs. @defaultValue sinon's default sandbox */
  readonly sandbox?: SinonSandbox;
  /** Scan for `@OnEvent` handlers and start the bus. @defaultValue true */
  readonly registerHandlers?: boolean;
}

/** Any bus, whatever its event map (an `EventBus<TEvents>` is invariant in `TEvents`). */
export interface TestableBus {
  start(): void;
  subscribe(...args: never[]): unknown;
}

/** What {@link createTestContainer} gives back. */
export interface TestContainer<TBus> {
  readonly container: Container;
  /** The bus bound to `TYPES.EventBus`. */
  readonly bus: TBus;
  /** The scan's subscriptions, or `undefined` when `registerHandlers` is false. */
  readonly registry: EventHandlerRegistry | undefined;
}

/**
 * Gives a test a wired container in one call: loads `modules`, binds `TYPES.EventBus` to a mock bus
 * from {@link createMockEventBus} (or to `options.bus`, e.g. a `RecordingEventBus`), replacing any
 * bus the container itself binds, then scans for `@OnEvent` handlers and starts the bus.
 *
 * inversify is loaded only when this is called, so `./testing` stays usable without it.
 *
 * @throws what `registerEventHandlers()` throws.
 * @example
 * ```ts
 * const { container, bus } = await createTestContainer({ container: createQuantumTraderContainer() });
 * await container.get(SystemHealthMonitor).report(criticalMetrics);
 * sinon.assert.calledWithMatch(bus.publish, { type: 'health.status_changed' });
 * ```
 */
export function createTestContainer<TEvents extends object = AnyEvents>(
  options?: TestContainerOptions,
): Promise<TestContainer<MockEventBus<TEvents>>>;
export function createTestContainer<TBus extends TestableBus>(
  options: TestContainerOptions & { readonly bus: TBus },
): Promise<TestContainer<TBus>>;
export async function createTestContainer(
  options: TestContainerOptions & { readonly bus?: TestableBus } = {},
): Promise<TestContainer<unknown>> {
  const [{ Container }, { TYPES, registerEventHandlers }] = await Promise.all([
    import('inversify'),
    import('../inversify/index.js'),
  ]);
  const container = options.container ?? new Container();
  if (options.modules !== undefined && options.modules.length > 0)
    await container.loadAsync(...options.modules);
  const bus = (options.bus ?? createMockEventBus(options.sandbox)) as unknown as EventBus;
  if (container.isCurrentBound(TYPES.EventBus)) container.rebind(TYPES.EventBus).toConstantValue(bus);
  else container.bind(TYPES.EventBus).toConstantValue(bus);
  if (options.registerHandlers === false) return { container, bus, registry: undefined };
  const registry = await registerEventHandlers(container);
  bus.start();
  return { container, bus, registry };
}
