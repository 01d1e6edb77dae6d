import { expect } from 'chai';
import { Container } from 'inversify';
import sinon from 'sinon';
import { createEvent, InvalidEventError, UnknownDeadLetterError } from '../../src/core/index.js';
import { eventBusModule, TYPES } from '../../src/inversify/index.js';
import { createMockEventBus } from '../../src/testing/index.js';

describe('createMockEventBus()', () => {
  it('records publish() calls for sinon assertions and resolves without delivering', async () => {
    const bus = createMockEventBus();
    const handler = sinon.spy();
    bus.subscribe('policy.updated', handler);
    bus.start();
    await bus.publish(createEvent('policy.updated', { version: 2 }));
    sinon.assert.calledOnceWithMatch(bus.publish, { type: 'policy.updated', payload: { version: 2 } });
    sinon.assert.notCalled(handler);
  });

  it('rejects an invalid event with InvalidEventError, as the real bus does', async () => {
    const bus = createMockEventBus();
    const published = bus.publish({ type: 'no id', payload: 1 } as never);
    await published.then(
      () => expect.fail('publish should reject'),
      (error: unknown) => expect(error).to.be.instanceOf(InvalidEventError),
    );
  });

  it('returns a stub subscription named like the real one', () => {
    const bus = createMockEventBus();
    const named = bus.subscribe('policy.updated', () => undefined, {
      name: 'MetaStrategyController.onPolicy',
    });
    function onTrade(): void {}
    const unnamed = bus.subscribe('trade.*', onTrade);
    expect(named).to.include({ name: 'MetaStrategyController.onPolicy', selector: 'policy.updated' });
    expect(unnamed).to.include({ name: 'onTrade', selector: 'trade.*' });
    named.unsubscribe();
    sinon.assert.calledOnce(named.unsubscribe as sinon.SinonStub);
  });

  it('tracks state through start() and stop(), which reports each publish as delivered', async () => {
    const bus = createMockEventBus();
    expect(bus.state).to.equal('idle');
    const running = bus.runForever();
    expect(bus.state).to.equal('running');
    await bus.publish(createEvent('trade.executed', {}));
    const report = await bus.stop();
    await running;
    expect(bus.state).to.equal('stopped');
    expect(report).to.deep.equal({ published: 1, delivered: 1, undelivered: [], timedOut: false });
  });

  it('answers the other methods with neutral values', async () => {
    const bus = createMockEventBus();
    const event = createEvent('trade.executed', {});
    expect(await bus.publishAndWait(event)).to.deep.equal({ event, outcomes: [] });
    expect(await bus.drain()).to.equal(undefined);
    expect(await bus.listDeadLetters()).to.deep.equal([]);
    expect(await bus.discardDeadLetter('x')).to.equal(false);
    await bus.replayDeadLetter('x').then(
      () => expect.fail('replay should reject'),
      (error: unknown) => expect(error).to.be.instanceOf(UnknownDeadLetterError),
    );
    expect(bus.stats()).to.include({ state: 'idle', published: 0, queued: 0 });
    const handle = bus.instrument({});
    handle[Symbol.dispose]();
  });

  it('lets a test override any default with the sinon API', async () => {
    const bus = createMockEventBus();
    bus.publish.rejects(new Error('broker down'));
    await bus.publish(createEvent('trade.executed', {})).then(
      () => expect.fail('publish should reject'),
      (error: Error) => expect(error.message).to.equal('broker down'),
    );
  });

  it('creates its stubs in the given sandbox, so the sandbox resets them', async () => {
    const sandbox = sinon.createSandbox();
    const bus = createMockEventBus(sandbox);
    await bus.publish(createEvent('trade.executed', {}));
    sandbox.resetHistory();
    sinon.assert.notCalled(bus.publish);
  });

  it('can replace the container bus with container.rebind(TYPES.EventBus)', () => {
    const container = new Container();
    container.load(eventBusModule());
    const bus = createMockEventBus();
    container.rebind(TYPES.EventBus).toConstantValue(bus);
    expect(container.get(TYPES.EventBus)).to.equal(bus);
  });
});
