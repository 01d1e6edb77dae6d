import { createOnEvent } from '../../inversify/index.js';
import type { QuantumTraderEvents } from '../events/quantum-trader-events.js';

/**
 * `@OnEvent` checked against {@link QuantumTraderEvents}: a misspelt type, or a method whose
 * parameter is not the selected event, does not compile.
 *
 * @example
 * ```ts
 * @OnQuantumEvent('health.status_changed')
 * async onHealthStatusChanged(event: HealthStatusChangedEvent): Promise<void> { ... }
 * ```
 */
export const OnQuantumEvent = createOnEvent<QuantumTraderEvents>();
