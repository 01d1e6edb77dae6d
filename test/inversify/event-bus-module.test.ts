import { expect } from 'chai';
import { Container } from 'inversify';
import { InMemoryEventBus, silentLogger } from '../../src/core/index.js';
import { eventBusModule, TYPES } from '../../src/inversify/index.js';

describe('eventBusModule()', () => {
  it('binds TYPES.EventBus to an InMemoryEventBus that stays the same for the container', () => {
    const container = new Container();
    container.load(eventBusModule());
    const bus = container.get(TYPES.EventBus);
    expect(bus).to.be.instanceOf(InMemoryEventBus);
    expect(container.get(TYPES.EventBus)).to.equal(bus);
    expect(bus.state, 'the scan starts it, not the module').to.equal('idle');
  });

  it('gives each container its own bus, even when they load the same module object', () => {
    const module = eventBusModule({ logger: silentLogger });
    const first = new Container();
    const second = new Container();
    first.load(module);
    second.load(module);
    expect(first.get(TYPES.EventBus)).to.not.equal(second.get(TYPES.EventBus));
  });

  it("lets a child container resolve its parent's bus", () => {
    const parent = new Container();
    parent.load(eventBusModule());
    const child = new Container({ parent });
    expect(child.get(TYPES.EventBus)).to.equal(parent.get(TYPES.EventBus));
  });

  it('passes its options to the bus', async () => {
    const unhandled: string[] = [];
    const container = new Container();
    container.load(
      eventBusModule({ logger: silentLogger, onUnhandledEvent: (event) => unhandled.push(event.type) }),
    );
    const bus = container.get(TYPES.EventBus);
    bus.start();
    await bus.publish({ id: 'e1', type: 'nobody.listens', timestamp: new Date(), payload: {} });
    await bus.drain();
    await bus.stop();
    expect(unhandled).to.deep.equal(['nobody.listens']);
  });
});

describe('TYPES', () => {
  it('uses a Symbol.for() key, so two copies of the package share the binding', () => {
    expect(TYPES.EventBus).to.equal(Symbol.for('@quantum-trader/eventbus:EventBus'));
  });
});
