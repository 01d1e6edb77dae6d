import { metrics as metricsApi } from '@opentelemetry/api';
import { expect } from 'chai';
import type { InMemoryEventBus } from '../../src/core/index.js';
import { instrumentEventBus } from '../../src/otel/index.js';
import { anOrderPlaced, type TestEvents } from '../core/test-events.js';
import { instrumentWith, runOrderFlow, type Telemetry, useTelemetryBus } from './telemetry-harness.js';

const ONE_RETRY = { attempts: 2, initialDelayMs: 1, jitter: 0 };

describe('EventMetrics (installed by instrumentEventBus())', () => {
  let telemetry: Telemetry;
  let bus: InMemoryEventBus<TestEvents>;

  useTelemetryBus((fresh, freshBus) => {
    telemetry = fresh;
    bus = freshBus;
  });

  const instrument = (): Disposable => instrumentWith(telemetry, bus);

  describe('metrics', () => {
    it('counts published and delivered events by event type and subscription', async () => {
      instrument();
      await runOrderFlow(bus);
      const metrics = await telemetry.collect();

      expect(
        metrics.sum('quantum_eventbus.published', { 'messaging.destination.name': 'order.placed' }),
      ).to.equal(1);
      expect(
        metrics.sum('quantum_eventbus.published', { 'messaging.destination.name': 'order.filled' }),
      ).to.equal(1);
      expect(
        metrics.sum('quantum_eventbus.delivered', {
          'messaging.destination.name': 'order.placed',
          'messaging.destination.subscription.name': 'fill-order',
        }),
      ).to.equal(1);
      expect(
        metrics.sum('quantum_eventbus.delivered', {
          'messaging.destination.name': 'order.filled',
          'messaging.destination.subscription.name': 'record-fill',
        }),
      ).to.equal(1);
      expect(metrics.sum('quantum_eventbus.failed')).to.equal(0);
    });

    it('counts failed attempts, retries and dead letters, matching bus.stats()', async () => {
      instrument();
      bus.subscribe(
        'order.placed',
        () => {
          throw new RangeError('price out of band');
        },
        { name: 'submit-order', retry: ONE_RETRY },
      );
      bus.subscribe('order.placed', () => undefined, { name: 'audit' });
      bus.start();
      await bus.publish(anOrderPlaced());
      await bus.drain();
      const metrics = await telemetry.collect();
      const stats = bus.stats();

      const submitOrder = {
        'messaging.destination.name': 'order.placed',
        'messaging.destination.subscription.name': 'submit-order',
      };
      expect(metrics.sum('quantum_eventbus.failed', { ...submitOrder, 'error.type': 'RangeError' })).to.equal(
        2,
      );
      expect(metrics.sum('quantum_eventbus.retried', submitOrder)).to.equal(1);
      expect(metrics.sum('quantum_eventbus.dead_lettered', submitOrder)).to.equal(1);
      expect(metrics.sum('quantum_eventbus.delivered', submitOrder)).to.equal(0);
      expect({
        published: metrics.sum('quantum_eventbus.published'),
        delivered: metrics.sum('quantum_eventbus.delivered'),
        failed: metrics.sum('quantum_eventbus.failed'),
        retried: metrics.sum('quantum_eventbus.retried'),
        deadLettered: metrics.sum('quantum_eventbus.dead_lettered'),
      }).to.deep.equal({
        published: stats.published,
        delivered: stats.delivered,
        failed: stats.failed,
        retried: stats.retried,
        deadLettered: stats.deadLettered,
      });
    });

    it('counts a filter that throws as a failed attempt, matching bus.stats()', async () => {
      instrument();
      bus.subscribe('order.placed', () => undefined, {
        name: 'desk-filter',
        filter: () => {
          throw new TypeError('no desk for symbol');
        },
      });
      bus.start();
      await bus.publish(anOrderPlaced());
      await bus.drain();
      const metrics = await telemetry.collect();
      const deskFilter = {
        'messaging.destination.name': 'order.placed',
        'messaging.destination.subscription.name': 'desk-filter',
        'error.type': 'TypeError',
      };
      expect(metrics.sum('quantum_eventbus.failed', deskFilter)).to.equal(1);
      expect(metrics.sum('quantum_eventbus.failed')).to.equal(bus.stats().failed);
      expect(metrics.sum('quantum_eventbus.dead_lettered')).to.equal(bus.stats().deadLettered);
    });

    it('records the duration of every attempt in seconds, failed ones with their error.type', async () => {
      instrument();
      bus.subscribe(
        'order.placed',
        () => {
          throw new Error('exchange offline');
        },
        { name: 'submit-order', retry: ONE_RETRY },
      );
      bus.subscribe('order.placed', () => undefined, { name: 'audit' });
      bus.start();
      await bus.publish(anOrderPlaced());
      await bus.drain();
      const metrics = await telemetry.collect();

      const failed = metrics.histograms('quantum_eventbus.handler.duration', {
        'messaging.destination.subscription.name': 'submit-order',
        'error.type': 'Error',
      });
      const succeeded = metrics.histograms('quantum_eventbus.handler.duration', {
        'messaging.destination.subscription.name': 'audit',
      });
      expect(failed.map((histogram) => histogram.count)).to.deep.equal([2]);
      expect(succeeded.map((histogram) => histogram.count)).to.deep.equal([1]);
      expect(metrics.find('quantum_eventbus.handler.duration')?.descriptor.unit).to.equal('s');
    });

    it('counts events that no subscription matched', async () => {
      instrument();
      bus.start();
      await bus.publish(anOrderPlaced());
      await bus.drain();
      const metrics = await telemetry.collect();

      expect(
        metrics.sum('quantum_eventbus.unhandled', { 'messaging.destination.name': 'order.placed' }),
      ).to.equal(1);
    });

    it('reports to a meter provider registered globally before it is installed', async () => {
      expect(metricsApi.setGlobalMeterProvider(telemetry.meterProvider)).to.equal(true);
      try {
        instrumentEventBus(bus);
        bus.subscribe('order.placed', () => undefined);
        bus.start();
        await bus.publish(anOrderPlaced());
        await bus.drain();
      } finally {
        metricsApi.disable();
      }
      const collected = await telemetry.collect();

      expect(collected.sum('quantum_eventbus.published')).to.equal(1);
      expect(collected.sum('quantum_eventbus.delivered')).to.equal(1);
      expect(collected.histograms('quantum_eventbus.handler.duration')).to.have.lengthOf(1);
    });

    it('reports the queue depth of bus.stats() when collected', async () => {
      instrument();
      bus.subscribe('order.placed', () => undefined);
      await bus.publish(anOrderPlaced());
      await bus.publish(anOrderPlaced());

      expect((await telemetry.collect()).gauge('quantum_eventbus.queue.depth')).to.deep.equal([2]);
      bus.start();
      await bus.drain();
      expect((await telemetry.collect()).gauge('quantum_eventbus.queue.depth')).to.deep.equal([0]);
    });
  });
});
