import { expect } from 'chai';
import { Container, ContainerModule, inject, injectable } from 'inversify';
import sinon from 'sinon';
import { createEvent, type EventBus, silentLogger } from '../../src/core/index.js';
import { eventBusModule, OnEvent, TYPES } from '../../src/inversify/index.js';
import { createTestContainer, RecordingEventBus } from '../../src/testing/index.js';

@injectable()
class Reactor {
  readonly seen: string[] = [];
  constructor(@inject(TYPES.EventBus) private readonly bus: EventBus) {}

  async ping(): Promise<void> {
    await this.bus.publish(createEvent('reactor.pinged', {}));
  }

  @OnEvent('reactor.pinged')
  onPinged(): void {
    this.seen.push('pinged');
  }
}

const reactorModule = new ContainerModule(({ bind }) => {
  bind(Reactor).toSelf().inSingletonScope();
});

describe('createTestContainer()', () => {
  it('wires modules to a mock bus and scans them, in one call', async () => {
    const { container, bus, registry } = await createTestContainer({ modules: [reactorModule] });
    await container.get(Reactor).ping();
    sinon.assert.calledOnceWithMatch(bus.publish, { type: 'reactor.pinged' });
    sinon.assert.calledOnceWithMatch(bus.subscribe, 'reactor.pinged');
    sinon.assert.calledOnce(bus.start);
    expect(registry?.subscriptions.map((s) => s.subscription.name)).to.deep.equal(['Reactor.onPinged']);
  });

  it("replaces the bus of an existing container, e.g. the application's composition root", async () => {
    const app = new Container();
    app.load(eventBusModule({ logger: silentLogger }), reactorModule);
    const { container, bus } = await createTestContainer({ container: app });
    expect(container).to.equal(app);
    expect(app.get(TYPES.EventBus)).to.equal(bus);
  });

  it('uses the bus it is given, so a RecordingEventBus delivers to the scanned handlers', async () => {
    const recording = new RecordingEventBus({ logger: silentLogger });
    const { container, bus } = await createTestContainer({ modules: [reactorModule], bus: recording });
    await container.get(Reactor).ping();
    await bus.drain();
    expect(bus).to.equal(recording);
    expect(container.get(Reactor).seen).to.deep.equal(['pinged']);
    await bus.stop();
  });

  it('skips the scan when registerHandlers is false', async () => {
    const { bus, registry } = await createTestContainer({
      modules: [reactorModule],
      registerHandlers: false,
    });
    expect(registry).to.equal(undefined);
    sinon.assert.notCalled(bus.subscribe);
  });
});
