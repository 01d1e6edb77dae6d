import { type EventBus, InMemoryEventBus, type Logger } from '../core/index.js';
import type { QuantumTraderEvents } from '../quantum-trader/index.js';
import type { DemoOptions } from './parse-demo-args.js';

/** Builds the bus the demo runs on, as the command line asks (today: always in memory). */
export function createDemoBus(_options: DemoOptions, logger: Logger): EventBus<QuantumTraderEvents> {
  return new InMemoryEventBus<QuantumTraderEvents>({ logger });
}
