import { expect } from 'chai';
import sinon from 'sinon';
import { createEvent, InMemoryEventBus, silentLogger } from '../../../src/core/index.js';
import { InspectorRecorder } from '../../../src/inspector/recorder/inspector-recorder.js';

const LIMITS = { eventBufferSize: 4, durationSamples: 8, rateWindowSeconds: 60, recordPerSecond: 1000 };

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

  describe('sampling', () => {
    const publishTicks = (recorder: InspectorRecorder, count: number): void => {
      for (let n = 0; n < count; n++) recorder.published(createEvent('tick.happened', { n }));
    };

    it('records every event, and has every delivery timed, up to recordPerSecond', () => {
      // 1000 a second is 100 per 100 ms tick.
      const recorder = new InspectorRecorder({ ...LIMITS, eventBufferSize: 1000 });
      for (let tick = 0; tick < 5; tick++) {
        publishTicks(recorder, 100);
        recorder.tick();
      }
      expect(recorder.events.total).to.equal(500);
      expect(recorder.sampleEvery).to.equal(1);
      expect(recorder.publishedCounts().counts.reduce((sum, count) => sum + count)).to.equal(500);
    });

    it('above it, records one event in as many as the last tick was over budget, evenly spaced', () => {
      const recorder = new InspectorRecorder({ ...LIMITS, eventBufferSize: 1000 });
      publishTicks(recorder, 1000);
      recorder.tick();
      expect(recorder.sampleEvery).to.equal(10);
      const before = recorder.events.total;
      publishTicks(recorder, 1000);
      const kept = recorder.events.toArray().slice(before);
      expect(kept).to.have.lengthOf(100);
      const numbers = kept.map((event) => (event.payload as { n: number }).n);
      expect(new Set(numbers.slice(1).map((n, index) => n - (numbers[index] as number)))).to.deep.equal(
        new Set([10]),
      );
      // Still counted in full for the events-per-second chart.
      expect(recorder.publishedCounts().counts.reduce((sum, count) => sum + count)).to.equal(2000);
    });

    it('samples a burst at once, before the next tick', () => {
      const recorder = new InspectorRecorder({ ...LIMITS, eventBufferSize: 10_000 });
      publishTicks(recorder, 10_000);
      expect(recorder.sampleEvery).to.equal(100);
      expect(recorder.events.total).to.be.above(100).and.below(1000);
    });

    it('goes back to recording everything once the rate falls', () => {
      const recorder = new InspectorRecorder({ ...LIMITS, eventBufferSize: 1000 });
      publishTicks(recorder, 5000);
      recorder.tick();
      publishTicks(recorder, 10);
      recorder.tick();
      expect(recorder.sampleEvery).to.equal(1);
      const before = recorder.events.total;
      publishTicks(recorder, 50);
      expect(recorder.events.total - before).to.equal(50);
    });

    it('has the bus time one delivery in sampleEvery, and keeps only real durations', async () => {
      const bus = new InMemoryEventBus({ logger: silentLogger });
      const recorder = new InspectorRecorder({ ...LIMITS, durationSamples: 1000 });
      using _hooks = bus.instrument(recorder);
      const ok = bus.subscribe('tick.happened', () => undefined);
      const failing = bus.subscribe('tick.failed', () => {
        throw new Error('no quote');
      });
      bus.start();
      // 1020 published within one tick (budget 100): by delivery time, one in 11 is timed.
      for (let n = 0; n < 1000; n++) void bus.publish(createEvent('tick.happened', { n }));
      for (let n = 0; n < 20; n++) void bus.publish(createEvent('tick.failed', { n }));
      expect(recorder.sampleEvery).to.equal(11);
      await bus.drain();
      // Each subscription's first delivery, then one in 11.
      expect(recorder.durations(ok.id)?.percentiles()?.samples).to.equal(91);
      expect(recorder.durations(failing.id)?.percentiles()?.samples).to.equal(2);
      // Every failure is recorded (the ring keeps the newest 4), timed or not.
      expect(recorder.failures.total).to.equal(20);
      expect(bus.stats().failed).to.equal(20);
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
        expect(recorder.publishedCounts().counts).to.deep.equal([0, 1, 2]);
        recorder.stopClock();
      } finally {
        clock.restore();
      }
    });
  });
});
