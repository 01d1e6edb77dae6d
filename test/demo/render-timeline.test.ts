import { expect } from 'chai';
import { createEvent, InMemoryEventBus, silentLogger } from '../../src/core/index.js';
import { renderTimeline } from '../../src/demo/render-timeline.js';
import { Timeline } from '../../src/demo/timeline.js';

describe('renderTimeline()', () => {
  it('shows a failing handler with its attempts, the failures, and what a handler published', async () => {
    const bus = new InMemoryEventBus({ logger: silentLogger });
    const timeline = new Timeline();
    using _hooks = bus.instrument(timeline.instrumentation());
    bus.subscribe(
      'order.placed',
      () => {
        throw new Error('broker offline');
      },
      { name: 'Broker.onOrder', retry: { attempts: 2, initialDelayMs: 1, jitter: 0 } },
    );
    bus.subscribe(
      'order.placed',
      async () => {
        timeline.note('checked limits');
        await bus.publish(createEvent('order.accepted', {}));
      },
      { name: 'Risk.onOrder' },
    );
    bus.start();
    await timeline.step('09:00', 'Trader', () => bus.publish(createEvent('order.placed', {})));
    await bus.drain();
    await bus.stop();
    expect(renderTimeline(timeline.roots, () => 'details')).to.deep.equal([
      '09:00  Trader ▶ order.placed: details',
      '       ├─ Broker.onOrder ✗ failed after 2 attempts, dead-lettered',
      '       │  ├─ attempt 1 failed: Error: broker offline',
      '       │  └─ attempt 2 failed: Error: broker offline',
      '       └─ Risk.onOrder ✓',
      '          ├─ checked limits',
      '          └─ Risk ▶ order.accepted: details',
      '             └─ (no subscriber)',
    ]);
  });
});
