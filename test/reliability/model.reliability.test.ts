import { expect } from 'chai';
import fc from 'fast-check';
import {
  BusClosedError,
  createEvent,
  InMemoryEventBus,
  silentLogger,
  type Subscription,
} from '../../src/core/index.js';
import { compileSelector, selectorMatches } from '../../src/core/selectors/compile-selector.js';

const TYPES = ['order.placed', 'order.filled', 'health.cpu.high'] as const;
const SELECTORS = ['order.placed', 'order.*', 'health.**', '**'] as const;

interface ModelSubscription {
  readonly selector: string;
  readonly expected: string[];
  failNext: boolean;
  active: boolean;
}

/** What the bus should have done, tracked independently of it. */
interface Model {
  readonly subscriptions: ModelSubscription[];
  readonly deadLettered: Set<string>;
  published: number;
  stopped: boolean;
}

/** The bus under test, with what its handlers saw. */
interface Real {
  readonly bus: InMemoryEventBus;
  readonly handles: Subscription[];
  readonly received: string[][];
  readonly failNext: boolean[];
}

class Publish implements fc.AsyncCommand<Model, Real> {
  constructor(readonly type: (typeof TYPES)[number]) {}
  check = () => true;
  async run(model: Model, real: Real): Promise<void> {
    const event = createEvent(this.type, {});
    if (model.stopped) {
      const error = await real.bus.publish(event).then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(error).to.be.instanceOf(BusClosedError);
      return;
    }
    await real.bus.publish(event);
    model.published += 1;
    for (const subscription of model.subscriptions) {
      if (!subscription.active || !selectorMatches(compileSelector(subscription.selector), this.type))
        continue;
      if (subscription.failNext) {
        subscription.failNext = false;
        model.deadLettered.add(event.id);
      } else subscription.expected.push(event.id);
    }
  }
  toString = () => `publish(${this.type})`;
}

class Subscribe implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly selector: (typeof SELECTORS)[number],
    readonly async: boolean,
  ) {}
  check = (model: Readonly<Model>) => !model.stopped;
  async run(model: Model, real: Real): Promise<void> {
    // Settle earlier events first, so that "from the next event" is unambiguous for the model.
    await real.bus.drain();
    const index = real.received.length;
    real.received.push([]);
    real.failNext.push(false);
    real.handles.push(
      real.bus.subscribe(this.selector, (event) => {
        if (real.failNext[index]) {
          real.failNext[index] = false;
          if (this.async) return Promise.reject(new Error('injected'));
          throw new Error('injected');
        }
        real.received[index]!.push(event.id);
        return this.async ? Promise.resolve() : undefined;
      }),
    );
    model.subscriptions.push({ selector: this.selector, expected: [], failNext: false, active: true });
  }
  toString = () => `subscribe(${this.selector}, ${this.async ? 'async' : 'sync'})`;
}

class Unsubscribe implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number) {}
  check = (model: Readonly<Model>) => model.subscriptions.length > 0 && !model.stopped;
  async run(model: Model, real: Real): Promise<void> {
    await real.bus.drain();
    const index = this.pick % model.subscriptions.length;
    real.handles[index]!.unsubscribe();
    model.subscriptions[index]!.active = false;
  }
  toString = () => `unsubscribe(#${this.pick})`;
}

class FailNext implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number) {}
  check = (model: Readonly<Model>) => model.subscriptions.length > 0 && !model.stopped;
  async run(model: Model, real: Real): Promise<void> {
    await real.bus.drain();
    const index = this.pick % model.subscriptions.length;
    real.failNext[index] = true;
    model.subscriptions[index]!.failNext = true;
  }
  toString = () => `failNext(#${this.pick})`;
}

class Drain implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(model: Model, real: Real): Promise<void> {
    await real.bus.drain();
    model.subscriptions.forEach((subscription, index) =>
      expect(real.received[index]).to.deep.equal(subscription.expected),
    );
    const letters = await real.bus.listDeadLetters();
    expect(new Set(letters.map((letter) => letter.event.id))).to.deep.equal(model.deadLettered);
  }
  toString = () => 'drain()';
}

class Stop implements fc.AsyncCommand<Model, Real> {
  check = (model: Readonly<Model>) => !model.stopped;
  async run(model: Model, real: Real): Promise<void> {
    const report = await real.bus.stop();
    model.stopped = true;
    expect(report).to.deep.include({
      published: model.published,
      delivered: model.published,
      undelivered: [],
    });
  }
  toString = () => 'stop()';
}

describe('reliability: InMemoryEventBus against a model', function () {
  this.timeout(60_000);

  it('behaves like the model under any sequence of publish, subscribe, unsubscribe, fail next, drain and stop', async () => {
    const commands = [
      fc.constantFrom(...TYPES).map((type) => new Publish(type)),
      fc
        .tuple(fc.constantFrom(...SELECTORS), fc.boolean())
        .map(([selector, async]) => new Subscribe(selector, async)),
      fc.nat().map((pick) => new Unsubscribe(pick)),
      fc.nat().map((pick) => new FailNext(pick)),
      fc.constant(new Drain()),
      fc.constant(new Stop()),
    ];
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 60 }), async (sequence) => {
        const bus = new InMemoryEventBus({ logger: silentLogger });
        bus.start();
        const setup = () => ({
          model: { subscriptions: [], deadLettered: new Set<string>(), published: 0, stopped: false },
          real: { bus, handles: [], received: [], failNext: [] },
        });
        await fc.asyncModelRun(setup, [...sequence, new Drain()]);
        await bus.stop();
      }),
      { numRuns: 120 },
    );
  });
});
