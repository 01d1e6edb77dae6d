import { expect } from 'chai';
import { Container, inject, injectable } from 'inversify';
import { createEvent, type Event, silentLogger } from '../../src/core/index.js';
import {
  bootstrapEventBus,
  eventBusModule,
  HandlerResolutionError,
  MissingBusBindingError,
  OnEvent,
  TYPES,
} from '../../src/inversify/index.js';

const SEEN = Symbol.for('test:bootstrap:Seen');

@injectable()
class Listener {
  constructor(@inject(SEEN) private readonly seen: string[]) {}

  @OnEvent('policy.updated')
  async onPolicy(event: Event<string, { n: number }>): Promise<void> {
    await Promise.resolve();
    this.seen.push(`policy ${event.payload.n}`);
  }
}

function newContainer(): { container: Container; seen: string[] } {
  const seen: string[] = [];
  const container = new Container();
  container.load(eventBusModule({ logger: silentLogger }));
  container.bind(SEEN).toConstantValue(seen);
  container.bind(Listener).toSelf().inSingletonScope();
  return { container, seen };
}

describe('bootstrapEventBus()', () => {
  it('scans, then starts the bus, so handlers receive what is published next', async () => {
    const { container, seen } = newContainer();
    const app = await bootstrapEventBus(container);
    expect(app.bus.state).to.equal('running');
    expect(app.registry.subscriptions.map((s) => s.subscription.name)).to.deep.equal(['Listener.onPolicy']);
    await app.bus.publish(createEvent('policy.updated', { n: 1 }));
    await app.bus.drain();
    expect(seen).to.deep.equal(['policy 1']);
    await app.stop();
  });

  it('delivers events published before the scan instead of dropping them', async () => {
    const { container, seen } = newContainer();
    const bus = container.get(TYPES.EventBus);
    await bus.publish(createEvent('policy.updated', { n: 1 }));
    await bus.publish(createEvent('policy.updated', { n: 2 }));
    const app = await bootstrapEventBus(container);
    await app.bus.drain();
    expect(seen).to.deep.equal(['policy 1', 'policy 2']);
    await app.stop();
  });

  it('stops gracefully: finishes queued work, reports it, and unsubscribes the handlers', async () => {
    const { container, seen } = newContainer();
    const app = await bootstrapEventBus(container);
    for (let n = 1; n <= 3; n += 1) await app.bus.publish(createEvent('policy.updated', { n }));
    const report = await app.stop();
    expect(report).to.deep.equal({ published: 3, delivered: 3, undelivered: [], timedOut: false });
    expect(seen).to.have.lengthOf(3);
    expect(app.bus.state).to.equal('stopped');
    expect(app.bus.stats().subscriptions).to.deep.equal([]);
    expect(await app.stop(), 'a second stop() gives the same report').to.equal(report);
  });

  it('is AsyncDisposable, so `await using` stops the bus at the end of the block', async () => {
    const { container } = newContainer();
    const bus = container.get(TYPES.EventBus);
    {
      await using _app = await bootstrapEventBus(container);
      expect(bus.state).to.equal('running');
    }
    expect(bus.state).to.equal('stopped');
  });

  it('leaves the bus idle when the scan fails', async () => {
    @injectable()
    class Broken {
      constructor(@inject('not-bound') readonly dependency: unknown) {}
      @OnEvent('policy.updated') onPolicy(): void {}
    }
    const { container } = newContainer();
    container.bind(Broken).toSelf().inSingletonScope();
    await bootstrapEventBus(container).then(
      () => expect.fail('bootstrap should fail'),
      (error: unknown) => expect(error).to.be.instanceOf(HandlerResolutionError),
    );
    expect(container.get(TYPES.EventBus).state).to.equal('idle');
  });

  it('fails with MissingBusBindingError when the container has no bus', async () => {
    await bootstrapEventBus(new Container()).then(
      () => expect.fail('bootstrap should fail'),
      (error: unknown) => expect(error).to.be.instanceOf(MissingBusBindingError),
    );
  });
});
