import { expect } from 'chai';
import { Container, ContainerModule, inject, injectable, injectFromBase } from 'inversify';
import sinon from 'sinon';
import {
  createEvent,
  type DeliveryContext,
  type Event,
  type EventBus,
  InMemoryEventBus,
  InvalidSubscriptionError,
  silentLogger,
} from '../../src/core/index.js';
import {
  eventBusModule,
  HandlerResolutionError,
  MissingBusBindingError,
  OnEvent,
  registerEventHandlers,
  TYPES,
} from '../../src/inversify/index.js';
import { createMockEventBus } from '../../src/testing/index.js';

const CLOCK = Symbol.for('test:Clock');
const SEEN = Symbol.for('test:Seen');

/** Every delivery, as "<instance number>:<event type>"; shared through the container. */
type Seen = string[];

let instances = 0;

@injectable()
class PolicyListener {
  readonly number = ++instances;
  constructor(@inject(SEEN) private readonly seen: Seen) {}

  @OnEvent('policy.updated')
  onPolicy(event: Event): void {
    this.seen.push(`${this.number}:${event.type}`);
  }
}

/** A subclass of PolicyListener named `name`, constructed with its base's injections. */
function listenerClass(name: string): typeof PolicyListener {
  @injectFromBase({ extendConstructorArguments: true })
  class Listener extends PolicyListener {}
  Object.defineProperty(Listener, 'name', { value: name });
  return Listener;
}

function newContainer(parent?: Container): Container {
  const container = new Container(parent === undefined ? undefined : { parent });
  if (parent === undefined) {
    container.load(eventBusModule({ logger: silentLogger }));
    container.bind(SEEN).toConstantValue([]);
  }
  return container;
}

async function publishAll(container: Container, ...types: string[]): Promise<void> {
  const bus = container.get(TYPES.EventBus);
  bus.start();
  for (const type of types) await bus.publish(createEvent(type, {}));
  await bus.drain();
}

describe('registerEventHandlers()', () => {
  beforeEach(() => {
    instances = 0;
  });

  describe('finding bindings', () => {
    it('finds a class bound with toSelf(), to(Class) under a symbol and under a string, and in a ContainerModule', async () => {
      const ModuleListener = listenerClass('ModuleListener');
      const SymbolListener = listenerClass('SymbolListener');
      const StringListener = listenerClass('StringListener');
      const container = newContainer();
      container.bind(PolicyListener).toSelf().inSingletonScope();
      container.bind(Symbol.for('test:SymbolListener')).to(SymbolListener).inSingletonScope();
      container.bind('string-listener').to(StringListener).inSingletonScope();
      container.load(
        new ContainerModule(({ bind }) => {
          bind(ModuleListener).toSelf().inSingletonScope();
        }),
      );
      const registry = await registerEventHandlers(container);
      await publishAll(container, 'policy.updated');
      expect(registry.subscriptions.map((s) => s.className)).to.have.members([
        'PolicyListener',
        'SymbolListener',
        'StringListener',
        'ModuleListener',
      ]);
      expect(container.get<Seen>(SEEN)).to.have.lengthOf(4);
    });

    it('lists each subscription with its service identifier, class, method, selector and scope', async () => {
      const container = newContainer();
      const identifier = Symbol.for('test:Listener');
      container.bind(identifier).to(PolicyListener).inSingletonScope();
      const registry = await registerEventHandlers(container);
      expect(registry.subscriptions).to.have.lengthOf(1);
      const [registered] = registry.subscriptions;
      expect(registered).to.include({
        serviceIdentifier: identifier,
        className: 'PolicyListener',
        method: 'onPolicy',
        selector: 'policy.updated',
        scope: 'Singleton',
      });
      expect(registered?.subscription.name).to.equal('PolicyListener.onPolicy');
      expect(registry.bus.stats().subscriptions.map((s) => s.name)).to.deep.equal([
        'PolicyListener.onPolicy',
      ]);
    });

    it('delivers each event once to a service also bound under an alias with toService()', async () => {
      const container = newContainer();
      container.bind(PolicyListener).toSelf().inSingletonScope();
      container.bind('listener-alias').toService(PolicyListener);
      container.bind(Symbol.for('test:another-alias')).toService(PolicyListener);
      const registry = await registerEventHandlers(container);
      await publishAll(container, 'policy.updated');
      expect(registry.subscriptions).to.have.lengthOf(1);
      expect(container.get<Seen>(SEEN)).to.deep.equal(['1:policy.updated']);
    });

    it('skips constants, primitives, functions, null-prototype objects and unreadable proxies without failing', async () => {
      const container = newContainer();
      container.bind('a-number').toConstantValue(42);
      container.bind('a-string').toConstantValue('text');
      container.bind('null').toConstantValue(null);
      container.bind('undefined').toConstantValue(undefined);
      container.bind('a-function').toConstantValue(() => 1);
      container.bind('a-class').toConstantValue(PolicyListener);
      container.bind('no-prototype').toConstantValue(Object.create(null) as object);
      container.bind('plain-object').toConstantValue({ onPolicy: () => undefined });
      container.bind('hostile').toConstantValue(
        new Proxy(
          {},
          {
            getPrototypeOf() {
              throw new Error('do not touch');
            },
          },
        ),
      );
      container.bind('a-promise').toConstantValue(Promise.resolve(1));
      container.bind(PolicyListener).toSelf().inSingletonScope();
      const registry = await registerEventHandlers(container);
      expect(registry.subscriptions.map((s) => s.className)).to.deep.equal(['PolicyListener']);
    });

    it('subscribes a constant whose value is an instance with @OnEvent methods, on that instance', async () => {
      const container = newContainer();
      const seen: Seen = [];
      const listener = new PolicyListener(seen);
      container.bind('listener-instance').toConstantValue(listener);
      const registry = await registerEventHandlers(container);
      await publishAll(container, 'policy.updated');
      expect(registry.subscriptions.map((s) => s.scope)).to.deep.equal(['Singleton']);
      expect(seen).to.deep.equal([`${listener.number}:policy.updated`]);
    });

    it('does not scan bindings built by a function, whose class is unknown until resolved', async () => {
      const container = newContainer();
      container.bind(PolicyListener).toDynamicValue(() => new PolicyListener([]));
      const registry = await registerEventHandlers(container);
      expect(registry.subscriptions).to.deep.equal([]);
    });

    it('subscribes each of several classes bound under one identifier on its own instance', async () => {
      const OtherListener = listenerClass('OtherListener');
      const container = newContainer();
      container.bind('listeners').to(PolicyListener);
      container.bind('listeners').to(OtherListener);
      const registry = await registerEventHandlers(container);
      await publishAll(container, 'policy.updated');
      expect(registry.subscriptions.map((s) => s.className)).to.deep.equal([
        'PolicyListener',
        'OtherListener',
      ]);
      expect(container.get<Seen>(SEEN)).to.have.lengthOf(2);
    });
  });

  describe('scopes', () => {
    it('resolves a singleton once, with its own injections, and calls its methods with this bound', async () => {
      const container = newContainer();
      container.bind(PolicyListener).toSelf().inSingletonScope();
      await registerEventHandlers(container);
      await publishAll(container, 'policy.updated', 'policy.updated', 'policy.updated');
      expect(container.get<Seen>(SEEN)).to.deep.equal([
        '1:policy.updated',
        '1:policy.updated',
        '1:policy.updated',
      ]);
      expect(instances).to.equal(1);
    });

    it('resolves a transient service (inversify 8 default) anew for each delivered event', async () => {
      const container = newContainer();
      container.bind(PolicyListener).toSelf();
      const registry = await registerEventHandlers(container);
      expect(instances, 'resolved once by the scan to check it can be built').to.equal(1);
      await publishAll(container, 'policy.updated', 'policy.updated');
      expect(registry.subscriptions[0]?.scope).to.equal('Transient');
      expect(container.get<Seen>(SEEN)).to.deep.equal(['2:policy.updated', '3:policy.updated']);
    });

    it('resolves a request-scoped service anew for each delivered event', async () => {
      const container = newContainer();
      container.bind(PolicyListener).toSelf().inRequestScope();
      const registry = await registerEventHandlers(container);
      await publishAll(container, 'policy.updated', 'policy.updated');
      expect(registry.subscriptions[0]?.scope).to.equal('Request');
      expect(container.get<Seen>(SEEN)).to.deep.equal(['2:policy.updated', '3:policy.updated']);
    });

    it('resolves a transient service with an asynchronous dependency through getAsync() per event', async () => {
      @injectable()
      class Timestamped {
        constructor(@inject(CLOCK) private readonly clock: { now: number }) {}
        @OnEvent('policy.updated') onPolicy(): void {
          seenTimes.push(this.clock.now);
        }
      }
      const seenTimes: number[] = [];
      let tick = 0;
      const container = newContainer();
      container.bind(CLOCK).toDynamicValue(async () => ({ now: ++tick }));
      container.bind(Timestamped).toSelf();
      await registerEventHandlers(container);
      await publishAll(container, 'policy.updated', 'policy.updated');
      expect(seenTimes).to.have.lengthOf(2);
      expect(seenTimes[1], 'a new clock, so a new instance, for the second event').to.be.greaterThan(
        seenTimes[0] ?? 0,
      );
    });
  });

  describe('handlers', () => {
    it('adds no error handling: a failing method is retried and dead-lettered exactly like a subscribe() handler', async () => {
      class Failing {
        calls = 0;
        @OnEvent('policy.updated', { retry: { attempts: 2, initialDelayMs: 1, jitter: 0 } })
        onPolicy(): void {
          this.calls += 1;
          throw new Error(`boom ${this.calls}`);
        }
      }
      const onError = sinon.spy();
      const bus = new InMemoryEventBus({ logger: silentLogger, onError });
      const container = new Container();
      container.bind(TYPES.EventBus).toConstantValue(bus);
      container.bind(Failing).toSelf().inSingletonScope();
      await registerEventHandlers(container);
      bus.start();
      const result = await bus.publishAndWait(createEvent('policy.updated', {}));
      expect(result.outcomes).to.have.lengthOf(1);
      expect(result.outcomes[0]).to.include({
        status: 'dead-lettered',
        attempts: 2,
        subscription: 'Failing.onPolicy',
      });
      expect((result.outcomes[0] as { error: Error }).error.message).to.equal('boom 2');
      expect(onError.callCount).to.equal(2);
      const letters = await bus.listDeadLetters();
      expect(letters.map((letter) => letter.subscription)).to.deep.equal(['Failing.onPolicy']);
    });

    it('passes the options of @OnEvent to subscribe(), with a name of its own when given', async () => {
      class Filtered {
        readonly seen: unknown[] = [];
        @OnEvent('trade.executed', {
          name: 'big-trades',
          filter: (event) => (event.payload as { qty: number }).qty > 10,
        })
        onTrade(event: Event<string, { qty: number }>): void {
          this.seen.push(event.payload.qty);
        }
      }
      const container = newContainer();
      container.bind(Filtered).toSelf().inSingletonScope();
      const registry = await registerEventHandlers(container);
      const bus = container.get(TYPES.EventBus);
      bus.start();
      await bus.publish(createEvent('trade.executed', { qty: 5 }));
      await bus.publish(createEvent('trade.executed', { qty: 50 }));
      await bus.drain();
      expect(registry.subscriptions[0]?.subscription.name).to.equal('big-trades');
      expect(container.get(Filtered).seen).to.deep.equal([50]);
    });

    it('subscribes on the bus the container resolves at scan time, so a rebound mock bus is the one used', async () => {
      const container = newContainer();
      container.bind(PolicyListener).toSelf().inSingletonScope();
      const mock = createMockEventBus();
      container.rebind(TYPES.EventBus).toConstantValue(mock);
      const registry = await registerEventHandlers(container);
      expect(registry.bus).to.equal(mock);
      sinon.assert.calledOnceWithMatch(mock.subscribe, 'policy.updated', sinon.match.func, {
        name: 'PolicyListener.onPolicy',
      });
    });

    it('passes a DeliveryContext to a method that declares one, and only the event to one that does not', async () => {
      const received: unknown[][] = [];
      class Arities {
        @OnEvent('policy.updated') withContext(_event: Event, context: DeliveryContext): void {
          received.push([context.subscription, context.attempt, context.signal instanceof AbortSignal]);
        }
        @OnEvent('policy.updated') eventOnly(...args: unknown[]): void {
          received.push([args.length]);
        }
      }
      const container = newContainer();
      container.bind(Arities).toSelf();
      await registerEventHandlers(container);
      await publishAll(container, 'policy.updated');
      expect(received).to.have.deep.members([['Arities.withContext', 1, true], [1]]);
    });

    it('calls a method stubbed on a singleton after the scan', async () => {
      const container = newContainer();
      container.bind(PolicyListener).toSelf().inSingletonScope();
      await registerEventHandlers(container);
      const stub = sinon.stub(container.get(PolicyListener), 'onPolicy');
      await publishAll(container, 'policy.updated');
      sinon.assert.calledOnceWithMatch(stub, { type: 'policy.updated' });
    });
  });

  describe('rescans and dispose()', () => {
    it('subscribes nothing twice when the container is scanned again', async () => {
      const container = newContainer();
      container.bind(PolicyListener).toSelf().inSingletonScope();
      container.bind('transient').to(listenerClass('TransientListener'));
      const first = await registerEventHandlers(container);
      const second = await registerEventHandlers(container);
      await publishAll(container, 'policy.updated');
      expect(first.subscriptions).to.have.lengthOf(2);
      expect(second.subscriptions).to.deep.equal([]);
      expect(container.get<Seen>(SEEN)).to.have.lengthOf(2);
    });

    it('subscribes only what was bound since the last scan', async () => {
      const LateListener = listenerClass('LateListener');
      const container = newContainer();
      container.bind(PolicyListener).toSelf().inSingletonScope();
      await registerEventHandlers(container);
      container.bind(LateListener).toSelf().inSingletonScope();
      const second = await registerEventHandlers(container);
      expect(second.subscriptions.map((s) => s.className)).to.deep.equal(['LateListener']);
    });

    it('unsubscribes everything it subscribed on dispose(), and a later scan subscribes it again', async () => {
      const container = newContainer();
      container.bind(PolicyListener).toSelf().inSingletonScope();
      const registry = await registerEventHandlers(container);
      registry.dispose();
      registry.dispose();
      const bus = container.get(TYPES.EventBus);
      expect(bus.stats().subscriptions).to.deep.equal([]);
      await publishAll(container, 'policy.updated');
      expect(container.get<Seen>(SEEN)).to.deep.equal([]);
      const again = await registerEventHandlers(container);
      expect(again.subscriptions).to.have.lengthOf(1);
    });

    it('is Disposable, so `using` unsubscribes at the end of the block', async () => {
      const container = newContainer();
      container.bind(PolicyListener).toSelf().inSingletonScope();
      {
        using registry = await registerEventHandlers(container);
        expect(registry.bus.stats().subscriptions).to.have.lengthOf(1);
      }
      expect(container.get(TYPES.EventBus).stats().subscriptions).to.deep.equal([]);
    });
  });

  describe('child containers', () => {
    it('finds the bindings of the child and of its parents', async () => {
      const ChildListener = listenerClass('ChildListener');
      const parent = newContainer();
      parent.bind(PolicyListener).toSelf().inSingletonScope();
      const child = newContainer(parent);
      child.bind(ChildListener).toSelf().inSingletonScope();
      const registry = await registerEventHandlers(child);
      await publishAll(child, 'policy.updated');
      expect(registry.subscriptions.map((s) => s.className)).to.have.members([
        'PolicyListener',
        'ChildListener',
      ]);
      expect(parent.get<Seen>(SEEN)).to.have.lengthOf(2);
    });

    it("does not subscribe a parent's singleton again when the child is scanned after the parent", async () => {
      const parent = newContainer();
      parent.bind(PolicyListener).toSelf().inSingletonScope();
      await registerEventHandlers(parent);
      const child = newContainer(parent);
      const childRegistry = await registerEventHandlers(child);
      await publishAll(parent, 'policy.updated');
      expect(childRegistry.subscriptions).to.deep.equal([]);
      expect(parent.get<Seen>(SEEN)).to.deep.equal(['1:policy.updated']);
    });

    it("uses the child's binding where the child shadows a parent's identifier", async () => {
      const Replacement = listenerClass('Replacement');
      const parent = newContainer();
      parent.bind('listener').to(PolicyListener).inSingletonScope();
      const child = newContainer(parent);
      child.bind('listener').to(Replacement).inSingletonScope();
      const registry = await registerEventHandlers(child);
      expect(registry.subscriptions.map((s) => s.className)).to.deep.equal(['Replacement']);
    });
  });

  describe('errors', () => {
    it('fails with MissingBusBindingError, saying to load eventBusModule(), when no bus is bound', async () => {
      const container = new Container();
      container.bind(PolicyListener).toSelf();
      const error = await registerEventHandlers(container).then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(error).to.be.instanceOf(MissingBusBindingError);
      expect((error as MissingBusBindingError).code).to.equal('EBUS_MISSING_BUS_BINDING');
      expect((error as Error).message)
        .to.contain('eventBusModule()')
        .and.contain('TYPES.EventBus');
    });

    it('fails with HandlerResolutionError naming the class, keeps the cause, and leaves nothing subscribed', async () => {
      @injectable()
      class NeedsMissing {
        constructor(@inject('not-bound') readonly dependency: unknown) {}
        @OnEvent('policy.updated') onPolicy(): void {}
      }
      const container = newContainer();
      container.bind(PolicyListener).toSelf().inSingletonScope();
      container.bind(NeedsMissing).toSelf().inSingletonScope();
      const error = await registerEventHandlers(container).then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(error).to.be.instanceOf(HandlerResolutionError);
      expect(error).to.include({ code: 'EBUS_HANDLER_RESOLUTION', className: 'NeedsMissing' });
      expect((error as Error).message)
        .to.contain('NeedsMissing')
        .and.contain('@inject');
      expect((error as Error).cause).to.be.instanceOf(Error);
      expect(container.get(TYPES.EventBus).stats().subscriptions).to.deep.equal([]);
    });

    it('fails for a transient service that cannot be resolved, rather than failing each delivery later', async () => {
      @injectable()
      class TransientNeedsMissing {
        constructor(@inject('not-bound') readonly dependency: unknown) {}
        @OnEvent('policy.updated') onPolicy(): void {}
      }
      const container = newContainer();
      container.bind(TransientNeedsMissing).toSelf();
      await registerEventHandlers(container).then(
        () => expect.fail('the scan should fail'),
        (error: unknown) => expect(error).to.be.instanceOf(HandlerResolutionError),
      );
    });

    it('fails with InvalidSubscriptionError naming class and method for a malformed selector, subscribing nothing', async () => {
      class BadSelector {
        @OnEvent('policy.updated') fine(): void {}
        @OnEvent('not a type' as 'x.y') broken(): void {}
      }
      const container = newContainer();
      container.bind(BadSelector).toSelf().inSingletonScope();
      const error = await registerEventHandlers(container).then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(error).to.be.instanceOf(InvalidSubscriptionError);
      expect((error as Error).message).to.contain('BadSelector.broken');
      expect(container.get(TYPES.EventBus).stats().subscriptions).to.deep.equal([]);
      const retry = await registerEventHandlers(container).catch(() => 'failed again');
      expect(retry, 'a failed scan leaves no half-registered methods behind').to.equal('failed again');
    });

    it('fails with HandlerResolutionError when TYPES.EventBus resolves to something that is not a bus', async () => {
      const container = new Container();
      container.bind(TYPES.EventBus).toConstantValue({} as EventBus);
      await registerEventHandlers(container).then(
        () => expect.fail('the scan should fail'),
        (error: unknown) => expect(error).to.be.instanceOf(HandlerResolutionError),
      );
    });
  });
});
