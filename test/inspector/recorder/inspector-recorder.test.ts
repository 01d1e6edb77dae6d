import { expect } from 'chai';
import sinon from 'sinon';
import { createEvent, InMemoryEventBus, silentLogger } from '../../../src/core/index.js';
import { InspectorRecorder } from '../../../src/inspector/recorder/inspector-recorder.js';

const LIMITS = { eventBufferSize: 4, durationSamples: 8, rateWindowSeconds: 60 };

describe('InspectorRecorder', () => {
  describe('as bus instrumentation', () => {
    it('records published events, handler durations, failures and unhandled events', async () => {
      const bus = new InMemoryEventBus({ logger: silentLogger });
      const recorder = new InspectorRecorder(LIMITS);
      using _hooks = bus.instrument(recorder);
      const ok = bus.subscribe('order.placed', () => undefined, { name: 'Orders.onPlaced' });
      bus.subscribe(
        'order.failed',
        () => {
          throw new Error('broker offline');
        },
        { name: 'Alerts.onFailed', retry: { attempts: 2, initialDelayMs: 1 } },
      );
      bus.start();
      const failing = createEvent('order.failed', {});
      const stray = createEvent('nobody.listens', {});
      await bus.publish(createEvent('order.placed', {}));
      await bus.publish(failing);
      await bus.publish(stray);
      await bus.drain();

      expect(recorder.events.toArray().map((event) => event.type)).to.deep.equal([
        'order.placed',
        'order.failed',
        'nobody.listens',
      ]);
      expect(recorder.durations(ok.id)?.percentiles()?.samples).to.equal(1);
      expect(
        recorder.failures.toArray().map((failure) => [failure.attempt, failure.willRetry]),
      ).to.deep.equal([
        [1, true],
        [2, false],
      ]);
      expect(recorder.failures.toArray()[0]?.event).to.equal(failing);
      expect(recorder.unhandledIds.toArray()).to.deep.equal([stray.id]);
      expect(recorder.deadLettersChanged).to.equal(true);
      await bus.stop();
    });

    it('never holds more events than its buffer size', async () => {
      const bus = new InMemoryEventBus({ logger: silentLogger });
      const recorder = new InspectorRecorder(LIMITS);
      bus.instrument(recorder);
      bus.subscribe('tick.happened', () => undefined);
      bus.start();
      for (let index = 0; index < 50; index++) await bus.publish(createEvent('tick.happened', { index }));
      await bus.drain();
      expect(recorder.events.size).to.equal(4);
      expect(
        recorder.events.toArray().map((event) => (event.payload as { index: number }).index),
      ).to.deep.equal([46, 47, 48, 49]);
      await bus.stop();
    });
  });

  describe('forgetSubscriptionsExcept()', () => {
    it('drops the duration windows of subscriptions that are gone', async () => {
      const bus = new InMemoryEventBus({ logger: silentLogger });
      const recorder = new InspectorRecorder(LIMITS);
      bus.instrument(recorder);
      const kept = bus.subscribe('a.happened', () => undefined);
      const gone = bus.subscribe('a.happened', () => undefined);
      bus.start();
      await bus.publish(createEvent('a.happened', {}));
      await bus.drain();
      recorder.forgetSubscriptionsExcept(new Set([kept.id]));
      expect(recorder.durations(kept.id)).to.not.equal(undefined);
      expect(recorder.durations(gone.id)).to.equal(undefined);
      await bus.stop();
    });
  });

  describe('startClock()', () => {
    it('moves the per-second counts along with time', () => {
      const clock = sinon.useFakeTimers({ now: 10_000 });
      try {
        const recorder = new InspectorRecorder({ ...LIMITS, rateWindowSeconds: 3 });
        recorder.startClock();
        recorder.published(createEvent('a.happened', {}));
        clock.tick(1000);
        recorder.published(createEvent('a.happened', {}));
        recorder.published(createEvent('a.happened', {}));
        expect(recorder.publishedRate.snapshot().counts).to.deep.equal([0, 1, 2]);
        recorder.stopClock();
      } finally {
        clock.restore();
      }
    });
  });
});
