import { Container, ContainerModule } from 'inversify';
import { consoleLogger, type EventBus, type InMemoryEventBusOptions, type Logger } from '../../core/index.js';
import { eventBusModule, TYPES } from '../../inversify/index.js';
import type { QuantumTraderEvents } from '../events/quantum-trader-events.js';
import { SystemHealthMonitor } from '../services/health/system-health-monitor.js';
import type { DiscordClient } from '../services/notifications/discord-client.js';
import { DiscordNotifier } from '../services/notifications/discord-notifier.js';
import { FakeDiscordClient } from '../services/notifications/fake-discord-client.js';
import { StrategyPromotionLogger } from '../services/notifications/strategy-promotion-logger.js';
import { InMemoryPolicyStore } from '../services/policy/in-memory-policy-store.js';
import { MetaStrategyController } from '../services/policy/meta-strategy-controller.js';
import type { PolicyStore } from '../services/policy/policy-store.js';
import { QT_TYPES } from './qt-types.js';

/** Options of {@link createQuantumTraderContainer}. Every field is optional. */
export interface QuantumTraderContainerOptions {
  /** The application's logger, also given to the bus. @defaultValue `consoleLogger` */
  readonly logger?: Logger;
  /** @defaultValue a new `FakeDiscordClient` */
  readonly discordClient?: DiscordClient;
  /** @defaultValue a new `InMemoryPolicyStore` starting from `DEFAULT_TRADING_POLICY` */
  readonly policyStore?: PolicyStore;
  /** Options of the default in-memory bus (its `logger` defaults to `logger`). @defaultValue `{}` */
  readonly eventBus?: InMemoryEventBusOptions;
  /**
   * Builds the bus instead of the default `InMemoryEventBus` (e.g. a Redis Streams bus); called once,
   * when the bus is first resolved. @defaultValue none
   */
  readonly createEventBus?: () => EventBus<QuantumTraderEvents>;
}

/**
 * Quantum Trader's composition root: a new container with its own bus, the Policy Store, MSC AI,
 * the System Health Monitor, the Discord notifier and the strategy promotion logger.
 *
 * Services are bound under their class, in singleton scope except the stateless
 * `StrategyPromotionLogger` (transient: resolved per event). Nothing is subscribed yet: call
 * `bootstrapEventBus(container)` to scan for `@OnEvent` handlers and start the bus.
 *
 * @example
 * ```ts
 * const container = createQuantumTraderContainer({ logger: pino() });
 * const app = await bootstrapEventBus(container);
 * await container.get(SystemHealthMonitor).report(metrics);
 * await app.stop();
 * ```
 */
export function createQuantumTraderContainer(options: QuantumTraderContainerOptions = {}): Container {
  const logger = options.logger ?? consoleLogger;
  const container = new Container();
  const createEventBus = options.createEventBus;
  if (createEventBus === undefined) {
    container.load(eventBusModule({ logger, ...options.eventBus }));
  } else {
    container
      .bind(TYPES.EventBus)
      .toDynamicValue(() => createEventBus() as unknown as EventBus)
      .inSingletonScope();
  }
  container.load(
    new ContainerModule(({ bind }) => {
      bind(QT_TYPES.Logger).toConstantValue(logger);
      bind(QT_TYPES.PolicyStore).toConstantValue(options.policyStore ?? new InMemoryPolicyStore());
      bind(QT_TYPES.DiscordClient).toConstantValue(options.discordClient ?? new FakeDiscordClient());
      bind(MetaStrategyController).toSelf().inSingletonScope();
      bind(SystemHealthMonitor).toSelf().inSingletonScope();
      bind(DiscordNotifier).toSelf().inSingletonScope();
      bind(StrategyPromotionLogger).toSelf().inTransientScope();
    }),
  );
  return container;
}
