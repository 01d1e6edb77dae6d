// Compile-time checks of the core's typing, type-checked by `npm test` (tsc). Each misuse sits under an
// expect-error directive, so this file stops compiling if a misuse starts being accepted.
import { expect } from 'chai';
import {
  createEvent,
  createEventFactory,
  type Event,
  type EventBus,
  InMemoryEventBus,
} from '../../src/core/index.js';
import {
  HealthStatusChangedEvent,
  PolicyUpdatedEvent,
  type QuantumTraderEvents,
  type RiskMode,
} from '../../src/quantum-trader/index.js';

const bus: EventBus<QuantumTraderEvents> = new InMemoryEventBus<QuantumTraderEvents>();

// An exact type gives the handler that event's payload.
bus.subscribe('policy.updated', (event) => {
  const mode: RiskMode = event.payload.riskMode;
  const version: number = event.payload.version;
  return [mode, version];
});

// @ts-expect-error a misspelt type is rejected
bus.subscribe('policy.updatd', () => undefined);

bus.subscribe('policy.updated', (event) => {
  // @ts-expect-error a misspelt payload field is rejected
  return event.payload.riskMod;
});

// A wildcard gives the union of the events it matches, narrowed by `type`.
bus.subscribe('health.*', (event) => {
  const status: 'HEALTHY' | 'DEGRADED' | 'CRITICAL' = event.payload.status;
  return status;
});
bus.subscribe('**', (event) => {
  if (event.type === 'trade.executed') return event.payload.price;
  // @ts-expect-error without narrowing, a field of one event is not on the union
  return event.payload.price;
});

// An event class gives an instance of that class.
bus.subscribe(HealthStatusChangedEvent, (event) => {
  const instance: HealthStatusChangedEvent = event;
  return instance.payload.previousStatus;
});

// A handler written for another event is rejected.
const onPolicy = (event: PolicyUpdatedEvent): RiskMode => event.payload.riskMode;
// @ts-expect-error a policy handler cannot subscribe to health changes
bus.subscribe('health.status_changed', onPolicy);

// Options are typed with the selected event.
bus.subscribe('trade.executed', () => undefined, { orderingKey: (event) => event.payload.symbol });
// @ts-expect-error the ordering key must return a string
bus.subscribe('trade.executed', () => undefined, { orderingKey: (event) => event.payload.price });

// publish() takes events of the map only.
void bus.publish(
  new PolicyUpdatedEvent({
    riskMode: 'DEFENSIVE',
    allowedStrategies: [],
    globalMinConfidence: 0.8,
    maxRiskPerTrade: 0.005,
    maxPositions: 3,
    version: 2,
  }),
);
const event = createEventFactory<QuantumTraderEvents>();
void bus.publish(
  event('trade.executed', { orderId: 'o', symbol: 'ETH', side: 'BUY', quantity: 1, price: 2 }),
);
// @ts-expect-error the factory checks the payload against the type
event('trade.executed', { orderId: 'o', symbol: 'ETH', side: 'HOLD', quantity: 1, price: 2 });
// @ts-expect-error an event type outside the map
void bus.publish(createEvent('trade.cancelled', {}));
// @ts-expect-error a payload that does not fit its type
void bus.publish(createEvent('trade.executed', { symbol: 'ETH' }));

// An untyped bus takes any event and gives handlers a generic Event.
const untyped = new InMemoryEventBus();
untyped.subscribe('anything.at_all', (event) => {
  const generic: Event = event;
  return generic.payload;
});
void untyped.publish(createEvent('any.thing', 42));

describe('core typing', () => {
  it('is checked at compile time by tsc (this file compiles only if every misuse is rejected)', () => {
    expect(bus).to.be.instanceOf(InMemoryEventBus);
  });
});
