import { expect } from 'chai';
import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import sinon from 'sinon';
import { createEvent, InMemoryEventBus, silentLogger } from '../../../src/core/index.js';
import { LiveUpdates } from '../../../src/inspector/http/live-updates.js';
import { InspectorRecorder } from '../../../src/inspector/recorder/inspector-recorder.js';
import { describeSubscriptionByName } from '../../../src/inspector/views/describe-subscription-by-name.js';
import { InspectorViews } from '../../../src/inspector/views/inspector-views.js';

/** Just enough of a ServerResponse to stand in for a page's connection. */
class FakeResponse extends EventEmitter {
  readonly written: string[] = [];
  writableLength = 0;
  writableEnded = false;
  destroyed = false;
  writeHead(): this {
    return this;
  }
  write(chunk: string): boolean {
    this.written.push(chunk);
    return true;
  }
  end(): this {
    this.writableEnded = true;
    this.emit('close');
    return this;
  }
  destroy(): this {
    this.destroyed = true;
    this.emit('close');
    return this;
  }
  get text(): string {
    return this.written.join('');
  }
}

describe('LiveUpdates', () => {
  let clock: sinon.SinonFakeTimers;
  let bus: InMemoryEventBus;
  let live: LiveUpdates;

  beforeEach(() => {
    clock = sinon.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    bus = new InMemoryEventBus({ logger: silentLogger });
    const recorder = new InspectorRecorder(
      {
        eventBufferSize: 100,
        durationSamples: 8,
        rateWindowSeconds: 10,
        recordPerSecond: 1000,
      },
      () => bus.stats().published,
    );
    bus.instrument(recorder);
    const views = new InspectorViews(bus, recorder, {
      title: 'test',
      redact: undefined,
      describeSubscription: describeSubscriptionByName,
    });
    live = new LiveUpdates(views, 250);
  });

  afterEach(() => {
    live.close();
    clock.restore();
  });

  const connect = async (): Promise<FakeResponse> => {
    const response = new FakeResponse();
    await live.connect(response as unknown as ServerResponse);
    return response;
  };

  /** Fires the update timer once and lets its asynchronous work finish. */
  const tick = async (): Promise<void> => {
    clock.tick(250);
    for (let round = 0; round < 20; round++) await Promise.resolve();
  };

  describe('connect()', () => {
    it('sends a snapshot, then the events published since, once per tick', async () => {
      const page = await connect();
      expect(page.text).to.include('event: snapshot');
      await bus.publish(createEvent('order.placed', { orderId: 'o-42' }));
      await tick();
      expect(page.text).to.include('event: update').and.include('o-42');
    });

    it('disconnects a page that does not keep up, and keeps serving the others', async () => {
      const slow = await connect();
      const fast = await connect();
      slow.writableLength = 2 * 1024 * 1024;
      await bus.publish(createEvent('order.placed', { orderId: 'o-43' }));
      await tick();
      expect(slow.destroyed).to.equal(true);
      expect(fast.text).to.include('o-43');
      expect(live.clientCount).to.equal(1);
    });

    it('stops ticking once the last page has gone', async () => {
      const page = await connect();
      page.end();
      const before = page.written.length;
      await bus.publish(createEvent('order.placed', {}));
      await tick();
      expect(page.written).to.have.lengthOf(before);
      expect(clock.countTimers()).to.equal(0);
    });
  });
});
