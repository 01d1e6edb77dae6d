import type { ServiceIdentifier } from 'inversify';
import type { EventBus, Logger } from '../../core/index.js';
import { TYPES } from '../../inversify/index.js';
import type { QuantumTraderEvents } from '../events/quantum-trader-events.js';
import type { DiscordClient } from '../services/notifications/discord-client.js';
import type { PolicyStore } from '../services/policy/policy-store.js';

/**
 * Service identifiers of Quantum Trader's collaborators, bound by `createQuantumTraderContainer()`.
 * Services are bound under their own class (`container.get(MetaStrategyController)`).
 */
export const QT_TYPES = Object.freeze({
  /** The bus, typed with Quantum Trader's events: the same binding as `TYPES.EventBus`. */
  EventBus: TYPES.EventBus as ServiceIdentifier<EventBus<QuantumTraderEvents>>,
  /** Where the global trading policy is kept. */
  PolicyStore: Symbol.for('@quantum-trader/eventbus:PolicyStore') as ServiceIdentifier<PolicyStore>,
  /** Sends messages to Discord. */
  DiscordClient: Symbol.for('@quantum-trader/eventbus:DiscordClient') as ServiceIdentifier<DiscordClient>,
  /** The application's logger (a pino logger fits). */
  Logger: Symbol.for('@quantum-trader/eventbus:Logger') as ServiceIdentifier<Logger>,
});
