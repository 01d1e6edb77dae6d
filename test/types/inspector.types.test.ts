// Compile-time checks of the inspector's typing, type-checked by `npm test` (tsc). Each misuse sits
// under an expect-error directive, so this file stops compiling if a misuse starts being accepted.
import { expect } from 'chai';
import { type EventBus, InMemoryEventBus } from '../../src/core/index.js';
import { type InspectorHandle, type InspectorOptions, startInspector } from '../../src/inspector/index.js';
import type { QuantumTraderEvents } from '../../src/quantum-trader/index.js';

const typedBus: EventBus<QuantumTraderEvents> = new InMemoryEventBus<QuantumTraderEvents>();

// Any bus fits, whatever its event map.
export const typed: () => Promise<InspectorHandle> = () => startInspector(typedBus);
export const untyped: () => Promise<InspectorHandle> = () => startInspector(new InMemoryEventBus());

// @ts-expect-error something that is not a bus is rejected
export const notABus = () => startInspector({ stats: () => undefined });

export const redacting: InspectorOptions = {
  redact: (event) => ({ ...event, payload: '[hidden]' }),
  describeSubscription: (stats) => ({ service: stats.name.split('.')[0] }),
};

// @ts-expect-error redact must return an event
export const redactReturnsPayload: InspectorOptions = { redact: (event) => event.payload };

// @ts-expect-error the token is a string or false, never true
export const tokenTrue: InspectorOptions = { token: true };

// @ts-expect-error the handle's url is read-only
export const reassign = (handle: InspectorHandle) => (handle.url = 'http://elsewhere/');

describe('inspector types', () => {
  it('are checked by tsc (npm run typecheck)', () => {
    expect(typeof startInspector).to.equal('function');
  });
});
