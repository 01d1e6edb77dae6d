// Compile-time checks of `./otel`'s typing, type-checked by `npm test` (tsc). Each misuse sits under an
// expect-error directive, so this file stops compiling if a misuse starts being accepted.
import { expect } from 'chai';
import { type EventBus, InMemoryEventBus } from '../../src/core/index.js';
import {
  type EventBusInstrumentation,
  instrumentEventBus,
  type InstrumentEventBusOptions,
} from '../../src/otel/index.js';
import type { QuantumTraderEvents } from '../../src/quantum-trader/index.js';

const bus = new InMemoryEventBus<QuantumTraderEvents>();
const contract: EventBus<QuantumTraderEvents> = bus;

// Any bus typed by any event map is accepted, through its class or its contract.
const installed: EventBusInstrumentation = instrumentEventBus(bus);
instrumentEventBus(contract, { system: 'redis' });

// The handle is Disposable, so `using` works.
const disposable: Disposable = installed;

// Never called: it only has to compile (or, for each misuse, not to).
export function misuses(): void {
  // @ts-expect-error something that is not a bus is rejected
  instrumentEventBus({ publish: () => Promise.resolve() });
}

// @ts-expect-error system is a string
const badSystem: InstrumentEventBusOptions = { system: 7 };

// @ts-expect-error a tracer provider must have getTracer()
const badProvider: InstrumentEventBusOptions = { tracerProvider: {} };

// Options are read-only.
const options: InstrumentEventBusOptions = { system: 'quantum_eventbus' };
// @ts-expect-error options are readonly
options.system = 'other';

describe('otel typing', () => {
  it('is checked at compile time by tsc (this file compiles only if every misuse is rejected)', () => {
    disposable[Symbol.dispose]();
    expect([badSystem, badProvider]).to.have.lengthOf(2);
  });
});
