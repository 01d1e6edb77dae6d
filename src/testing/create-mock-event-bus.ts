import sinon, { type SinonSandbox, type SinonStub } from 'sinon';
import {
  type AnyEvents,
  assertValidEvent,
  type BusState,
  type EventBus,
  type StopReport,
  type Subscription,
  UnknownDeadLetterError,
} from '../core/index.js';

type MethodName = Exclude<keyof EventBus, 'state'>;

/** A method of the bus as a sinon stub that keeps the method's signature. */
export type StubbedMethod<TMethod> = TMethod extends (...args: infer TArgs) => infer TReturn
  ? SinonStub<TArgs, TReturn> & TMethod
  : never;

/** An {@link EventBus} whose every method is a sinon stub; see {@link createMockEventBus}. */
export type MockEventBus<TEvents extends object = AnyEvents> = EventBus<TEvents> & {
  readonly [TName in MethodName]: StubbedMethod<EventBus<TEvents>[TName]>;
};

/**
 * Creates an {@link EventBus} whose every method is a sinon stub, for unit tests of publishers.
 * Rebind the container's bus to it: `container.rebind(TYPES.EventBus).toConstantValue(bus)`.
 *
 * Defaults (each can be overridden with sinon's API, e.g. `bus.publish.rejects(error)`):
 * - `publish()` validates the event like the real bus (rejecting with `InvalidEventError`) and
 *   resolves; nothing is delivered. `publishAndWait()` does the same and resolves with no outcomes.
 * - `subscribe()` returns a stub subscription named like the real one; its `unsubscribe` is a stub.
 * - `start()`/`runForever()` set `state` to `running`; `stop()` sets it to `stopped` and resolves a
 *   report counting every `publish()` call as delivered; `runForever()` resolves then.
 * - `drain()` resolves; `stats()` reports zeros; the bus keeps no dead letters.
 *
 * @param sandbox - creates the stubs, so `sandbox.restore()`/`resetHistory()` cover them. @defaultValue sinon's default sandbox
 * @example
 * ```ts
 * const bus = createMockEventBus<QuantumTraderEvents>();
 * container.rebind(TYPES.EventBus).toConstantValue(bus);
 * await container.get(SystemHealthMonitor).report(criticalMetrics);
 * sinon.assert.calledWithMatch(bus.publish, { type: 'health.status_changed' });
 * ```
 */
export function createMockEventBus<TEvents extends object = AnyEvents>(
  sandbox?: SinonSandbox,
): MockEventBus<TEvents> {
  const stub = (): SinonStub => (sandbox === undefined ? sinon.stub() : sandbox.stub());
  let state: BusState = 'idle';
  let subscriptions = 0;
  let markStopped: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (markStopped = resolve));
  const validated = (event: unknown): Promise<void> => {
    try {
      assertValidEvent(event);
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error);
    }
  };
  const publish = stub().callsFake(validated);
  const start = stub().callsFake(() => {
    if (state === 'idle') state = 'running';
  });
  const report = (): StopReport => ({
    published: publish.callCount,
    delivered: publish.callCount,
    undelivered: [],
    timedOut: false,
  });
  const bus = {
    get state(): BusState {
      return state;
    },
    publish,
    publishAndWait: stub().callsFake((event: unknown) =>
      validated(event).then(() => ({ event, outcomes: [] })),
    ),
    subscribe: stub().callsFake(
      (selector: unknown, handler: { name?: string } | undefined, options?: { name?: string }) => {
        const id = `mock-s${++subscriptions}`;
        const unsubscribe = stub();
        const subscription: Subscription = {
          id,
          name: options?.name ?? (handler?.name || `subscription-${id}`),
          selector:
            typeof selector === 'function' ? String((selector as { type?: unknown }).type) : String(selector),
          unsubscribe,
          [Symbol.dispose]: unsubscribe,
        };
        return subscription;
      },
    ),
    start,
    runForever: stub().callsFake(() => {
      start();
      return stopped;
    }),
    drain: stub().resolves(),
    stop: stub().callsFake(() => {
      state = 'stopped';
      markStopped();
      return Promise.resolve(report());
    }),
    stats: stub().callsFake(() => ({
      state,
      published: publish.callCount,
      delivered: 0,
      failed: 0,
      retried: 0,
      deadLettered: 0,
      unhandled: 0,
      queued: 0,
      inFlight: 0,
      maxQueueSize: Infinity,
      subscriptions: [],
    })),
    listDeadLetters: stub().resolves([]),
    replayDeadLetter: stub().callsFake((id: string) =>
      Promise.reject(new UnknownDeadLetterError(id, 'the mock bus keeps no dead letters')),
    ),
    discardDeadLetter: stub().resolves(false),
    instrument: stub().callsFake(() => ({ resample: stub(), [Symbol.dispose]: stub() })),
  };
  return bus as unknown as MockEventBus<TEvents>;
}
