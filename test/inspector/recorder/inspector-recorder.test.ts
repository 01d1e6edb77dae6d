import { expect } from 'chai';
import sinon from 'sinon';
import { createEvent, type Event, InMemoryEventBus, silentLogger } from '../../../src/core/index.js';
import { InspectorRecorder } from '../../../src/inspector/recorder/inspector-recorder.js';

const LIMITS = { eventBufferSize: 4, durationSamples: 8, rateWindowSeconds: 60, recordPerSecond: 1000 };

describe('InspectorRecorder', () => {
  describe('as bus instrumentation', () => {
    it('records published events, handler durations, failures and unhandled events', async () => {
      const bus = new InMemoryEventBus({ logger: silentLogger });
      const recorder = new InspectorRecorder(LIMITS, () => bus.stats().published);
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
      const recorder = new InspectorRecorder(LIMITS, () => bus.stats().published);
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
      const recorder = new InspectorRecorder(LIMITS, () => bus.stats().published);
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
    /** A bus with the recorder installed, one subscription, and the recorder's 100 ms clock on fake timers. */
    function inspectedBus(limits: Partial<typeof LIMITS> = {}) {
      const bus = new InMemoryEventBus({ logger: silentLogger });
      const recorder = new InspectorRecorder({ ...LIMITS, ...limits }, () => bus.stats().published);
      const installed = bus.instrument(recorder);
      const clock = sinon.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
      recorder.startClock(() => installed.resample());
      const handled = bus.subscribe('tick.happened', () => undefined);
      bus.start();
      const publish = async (count: number): Promise<void> => {
        for (let n = 0; n < count; n++) void bus.publish(createEvent('tick.happened', { n: published++ }));
        await bus.drain();
      };
      let published = 0;
      const numbers = (events: readonly Event[]): number[] =>
        events.map((event) => (event.payload as { n: number }).n);
      const close = async (): Promise<void> => {
        recorder.stopClock();
        clock.restore();
        await bus.stop();
      };
      return { bus, recorder, clock, handled, publish, numbers, close };
    }

    it('records every event, and has every delivery timed, up to recordPerSecond', async () => {
      // 1000 a second is 100 per 100 ms tick.
      const { recorder, clock, handled, publish, close } = inspectedBus({
        eventBufferSize: 1000,
        durationSamples: 1000,
      });
      for (let tick = 0; tick < 5; tick++) {
        await publish(100);
        clock.tick(100);
      }
      expect(recorder.events.total).to.equal(500);
      expect(recorder.durations(handled.id)?.percentiles()?.samples).to.equal(500);
      expect(recorder.sampleEvery).to.equal(1);
      expect(recorder.publishedCounts().counts.reduce((sum, count) => sum + count)).to.equal(500);
      await close();
    });

    it('above it, is handed one event in as many as the last tick was over budget, evenly spaced', async () => {
      const { recorder, clock, publish, numbers, close } = inspectedBus({ eventBufferSize: 1000 });
      await publish(1000);
      // A page reading the chart mid-tick must not hide those events from the sampler.
      expect(recorder.publishedCounts().counts.reduce((sum, count) => sum + count)).to.equal(1000);
      clock.tick(100);
      expect(recorder.sampleEvery).to.equal(10);
      const before = recorder.events.total;
      await publish(1000);
      const kept = numbers(recorder.events.toArray().slice(before));
      expect(kept.length).to.be.within(99, 100);
      expect(new Set(kept.slice(1).map((n, index) => n - (kept[index] as number)))).to.deep.equal(
        new Set([10]),
      );
      // Still counted in full for the events-per-second chart.
      expect(recorder.publishedCounts().counts.reduce((sum, count) => sum + count)).to.equal(2000);
      await close();
    });

    it('thins a burst at once, before the next tick', async () => {
      const { recorder, publish, close } = inspectedBus({ eventBufferSize: 10_000 });
      await publish(10_000);
      expect(recorder.sampleEvery).to.be.at.least(50);
      expect(recorder.events.total).to.be.above(100).and.below(1000);
      await close();
    });

    it('goes back to recording everything as soon as the rate falls', async () => {
      const { recorder, clock, publish, close } = inspectedBus({ eventBufferSize: 1000 });
      await publish(20_000);
      clock.tick(100);
      expect(recorder.sampleEvery).to.equal(200);
      await publish(10);
      clock.tick(100);
      expect(recorder.sampleEvery).to.equal(1);
      // Without the resample at that tick, the bus would still be counting down from one in 200.
      const before = recorder.events.total;
      await publish(50);
      expect(recorder.events.total - before).to.equal(50);
      await close();
    });

    it('has the bus time the first delivery and then a sample, and records every failure', async () => {
      const bus = new InMemoryEventBus({ logger: silentLogger });
      const recorder = new InspectorRecorder(
        { ...LIMITS, durationSamples: 1000 },
        () => bus.stats().published,
      );
      using _hooks = bus.instrument(recorder);
      const ok = bus.subscribe('tick.happened', () => undefined);
      const failing = bus.subscribe('tick.failed', () => {
        throw new Error('no quote');
      });
      bus.start();
      // 1000 published within one tick, over the budget of 100.
      for (let n = 0; n < 1000; n++) void bus.publish(createEvent('tick.happened', { n }));
      for (let n = 0; n < 20; n++) void bus.publish(createEvent('tick.failed', { n }));
      await bus.drain();
      expect(recorder.sampleEvery).to.be.above(1);
      const timed = recorder.durations(ok.id)?.percentiles()?.samples ?? 0;
      expect(timed)
        .to.be.above(1)
        .and.below(1000 / 2);
      // The failing subscription's first attempt was timed; the others have NaN durations, not kept.
      expect(recorder.durations(failing.id)?.percentiles()?.samples).to.be.below(20);
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
        let published = 0;
        const recorder = new InspectorRecorder({ ...LIMITS, rateWindowSeconds: 3 }, () => published);
        recorder.startClock(() => undefined);
        published += 1;
        clock.tick(1000);
        published += 2;
        expect(recorder.publishedCounts().counts).to.deep.equal([0, 1, 2]);
        recorder.stopClock();
      } finally {
        clock.restore();
      }
    });
  });
});
