import { expect } from 'chai';
import { Container } from 'inversify';
import { createEvent, EventBusError, type Event, silentLogger } from '../../src/core/index.js';
import {
  createOnEvent,
  eventBusModule,
  NotAMethodError,
  OnEvent,
  registerEventHandlers,
  TYPES,
} from '../../src/inversify/index.js';
import type { QuantumTraderEvents } from '../../src/quantum-trader/index.js';

async function scan(...classes: (new () => object)[]) {
  const container = new Container();
  container.load(eventBusModule({ logger: silentLogger }));
  for (const type of classes) container.bind(type).toSelf().inSingletonScope();
  const registry = await registerEventHandlers(container);
  return { container, registry, bus: container.get(TYPES.EventBus) };
}

describe('OnEvent', () => {
  describe('OnEvent()', () => {
    it('subscribes a method once per decorator when several are stacked, in the order written', async () => {
      class Audit {
        readonly seen: string[] = [];

        @OnEvent('trade.executed')
        @OnEvent('policy.updated')
        @OnEvent('health.*')
        record(event: Event): void {
          this.seen.push(event.type);
        }
      }
      const { container, registry, bus } = await scan(Audit);
      bus.start();
      await bus.publish(createEvent('policy.updated', {}));
      await bus.publish(createEvent('health.status_changed', {}));
      await bus.drain();
      expect(registry.subscriptions.map((s) => s.selector)).to.deep.equal([
        'trade.executed',
        'policy.updated',
        'health.*',
      ]);
      expect(container.get(Audit).seen).to.deep.equal(['policy.updated', 'health.status_changed']);
    });

    it('keeps the declarations of every method of a class', async () => {
      class Two {
        @OnEvent('a.happened') first(): void {}
        @OnEvent('b.happened') second(): void {}
      }
      const { registry } = await scan(Two);
      expect(registry.subscriptions.map((s) => s.method)).to.deep.equal(['first', 'second']);
    });

    it('counts methods inherited from a base class', async () => {
      class Base {
        readonly seen: string[] = [];
        @OnEvent('policy.updated') onPolicy(event: Event): void {
          this.seen.push(`base:${event.type}`);
        }
      }
      class Derived extends Base {
        @OnEvent('trade.executed') onTrade(event: Event): void {
          this.seen.push(`derived:${event.type}`);
        }
      }
      const { container, registry, bus } = await scan(Derived);
      bus.start();
      await bus.publish(createEvent('policy.updated', {}));
      await bus.publish(createEvent('trade.executed', {}));
      await bus.drain();
      expect(registry.subscriptions.map((s) => `${s.className}.${s.method}`)).to.have.members([
        'Derived.onTrade',
        'Derived.onPolicy',
      ]);
      expect(container.get(Derived).seen).to.deep.equal(['base:policy.updated', 'derived:trade.executed']);
    });

    it('subscribes an overridden method once, calling the override, whether or not it is decorated again', async () => {
      class Base {
        readonly seen: string[] = [];
        @OnEvent('policy.updated') onPolicy(): void {
          this.seen.push('base');
        }
      }
      class PlainOverride extends Base {
        override onPolicy(): void {
          this.seen.push('plain override');
        }
      }
      class DecoratedOverride extends Base {
        @OnEvent('policy.updated') override onPolicy(): void {
          this.seen.push('decorated override');
        }
      }
      const { container, registry, bus } = await scan(PlainOverride, DecoratedOverride);
      bus.start();
      await bus.publish(createEvent('policy.updated', {}));
      await bus.drain();
      expect(registry.subscriptions).to.have.lengthOf(2);
      expect(container.get(PlainOverride).seen).to.deep.equal(['plain override']);
      expect(container.get(DecoratedOverride).seen).to.deep.equal(['decorated override']);
    });

    it('leaves the base class untouched when a subclass adds decorators', async () => {
      class Base {
        @OnEvent('policy.updated') onPolicy(): void {}
      }
      class Derived extends Base {
        @OnEvent('trade.executed') override onPolicy(): void {}
      }
      const { registry } = await scan(Base, Derived);
      expect(registry.subscriptions.map((s) => `${s.className}:${s.selector}`)).to.deep.equal([
        'Base:policy.updated',
        'Derived:trade.executed',
      ]);
    });

    it('throws NotAMethodError at class definition when put on a property', () => {
      const define = () => {
        class WithProperty {
          @(OnEvent('policy.updated') as unknown as PropertyDecorator)
          handler = () => undefined;
        }
        return WithProperty;
      };
      expect(define)
        .to.throw(NotAMethodError)
        .that.satisfies((error: NotAMethodError) => {
          expect(error.code).to.equal('EBUS_NOT_A_METHOD');
          expect(EventBusError.is(error)).to.equal(true);
          expect(error.message).to.contain('WithProperty.handler').and.contain('a property');
          return true;
        });
    });

    it('throws NotAMethodError when put on an accessor, a static method or the class itself', () => {
      const decorator = OnEvent('policy.updated') as unknown as MethodDecorator & ClassDecorator;
      const onAccessor = () => {
        class WithAccessor {
          @decorator
          get handler(): number {
            return 1;
          }
        }
        return WithAccessor;
      };
      const onStatic = () => {
        class WithStatic {
          @decorator
          static handle(): void {}
        }
        return WithStatic;
      };
      const onClass = () => {
        @decorator
        class Decorated {}
        return Decorated;
      };
      expect(onAccessor).to.throw(NotAMethodError, /WithAccessor\.handler, which is an accessor/);
      expect(onStatic).to.throw(NotAMethodError, /WithStatic\.handle, which is a static member/);
      expect(onClass).to.throw(NotAMethodError, /Decorated\.\(class\)/);
    });
  });

  describe('createOnEvent()', () => {
    it('makes a decorator that records handlers like OnEvent', async () => {
      const OnQuantumEvent = createOnEvent<QuantumTraderEvents>();
      class Typed {
        readonly riskModes: string[] = [];
        @OnQuantumEvent('policy.updated')
        onPolicy(event: Event<'policy.updated', QuantumTraderEvents['policy.updated']>): void {
          this.riskModes.push(event.payload.riskMode);
        }
      }
      const { container, bus } = await scan(Typed);
      bus.start();
      await bus.publish(
        createEvent('policy.updated', {
          riskMode: 'DEFENSIVE',
          allowedStrategies: [],
          globalMinConfidence: 0.8,
          maxRiskPerTrade: 0.005,
          maxPositions: 2,
          version: 2,
        }),
      );
      await bus.drain();
      expect(container.get(Typed).riskModes).to.deep.equal(['DEFENSIVE']);
    });
  });
});
