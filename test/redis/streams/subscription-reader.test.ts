import { expect } from 'chai';
import type { Redis } from 'ioredis';
import { createEvent, type DeadLetter, type Event } from '../../../src/core/index.js';
import { DeliveryLimitError } from '../../../src/redis/index.js';
import { startFixture } from '../support/child-bus-process.js';
import { type RedisServer, startRedisServer } from '../support/redis-server.js';
import { trackBuses, uniquePrefix, useRedisServer, waitFor } from '../support/use-redis-server.js';

const PREFETCH = 8;

async function pendingCount(client: Redis, stream: string, group: string): Promise<number> {
  const summary = (await client.call('XPENDING', stream, group)) as [number | string];
  return Number(summary[0]);
}

async function eventIdOf(client: Redis, stream: string, entryId: string): Promise<string> {
  const [[, fields]] = (await client.call('XRANGE', stream, entryId, entryId)) as [[string, string[]]];
  return (JSON.parse(fields[fields.indexOf('event') + 1] ?? '{}') as { id: string }).id;
}

async function publishWork(publish: (event: Event) => Promise<void>, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const event = createEvent('work.requested', { index });
    await publish(event);
    ids.push(event.id);
  }
  return ids;
}

describe('SubscriptionReader', () => {
  const server = useRedisServer();
  const createBus = trackBuses();
  let keyPrefix: string;
  let stream: string;

  beforeEach(() => {
    keyPrefix = uniquePrefix();
    stream = `${keyPrefix}:events:work.requested`;
  });

  describe('crash safety', () => {
    it('handles every event after a consumer is killed mid-handling, with at most the in-flight entries twice', async function () {
      this.timeout(20_000);
      const config = {
        url: server().url,
        prefix: keyPrefix,
        group: 'workers',
        consumer: 'worker-1',
        prefetch: PREFETCH,
        delayMs: 3,
        claimIdleMs: 5_000,
      };
      const first = startFixture('consumer', config);
      await first.ready();
      const publisher = createBus({ connection: server().url, keyPrefix, group: 'publisher' });
      const published = await publishWork((event) => publisher.publish(event), 150);
      await waitFor('the first worker to handle 40 events', () => first.handled.length >= 40);
      await first.kill('SIGKILL');
      // The same consumer name: the new process starts by re-reading the entries the dead one held.
      const second = startFixture('consumer', config);
      try {
        const handled = (): string[] => [...first.handled, ...second.handled];
        await waitFor(
          'every event to be handled',
          () => new Set(handled()).size === published.length,
          10_000,
        );
        await waitFor(
          'nothing to be pending',
          async () => (await pendingCount(server().client(), stream, 'workers:work:work.requested')) === 0,
        );
        expect(new Set(handled())).to.deep.equal(new Set(published));
        expect(handled().length - published.length).to.be.at.most(PREFETCH);
      } finally {
        await second.kill('SIGTERM');
      }
    });
  });

  describe('failover', () => {
    it('claims the entries of a consumer that stopped answering once they idled past claimIdleMs', async function () {
      this.timeout(20_000);
      const claimIdleMs = 400;
      const frozen = startFixture('consumer', {
        url: server().url,
        prefix: keyPrefix,
        group: 'workers',
        consumer: 'frozen',
        prefetch: PREFETCH,
        delayMs: 20,
        claimIdleMs,
      });
      try {
        await frozen.ready();
        const publisher = createBus({ connection: server().url, keyPrefix, group: 'publisher' });
        const published = await publishWork((event) => publisher.publish(event), 40);
        await waitFor('the worker to handle a few events', () => frozen.handled.length >= 3);
        await frozen.kill('SIGSTOP');
        const held = (
          (await server()
            .client()
            .call('XPENDING', stream, 'workers:work:work.requested', '-', '+', 100, 'frozen')) as [string][]
        ).map(([id]) => id);
        expect(held.length).to.be.greaterThan(0);
        const rescuer = createBus({
          connection: server().url,
          keyPrefix,
          group: 'workers',
          consumer: 'rescuer',
          claimIdleMs,
        });
        const rescued: string[] = [];
        rescuer.subscribe('work.requested', (event) => void rescued.push(event.id), { name: 'work' });
        rescuer.start();
        await waitFor(
          'every event to be handled',
          () => new Set([...frozen.handled, ...rescued]).size === published.length,
          10_000,
        );
        await waitFor(
          'nothing to be pending',
          async () => (await pendingCount(server().client(), stream, 'workers:work:work.requested')) === 0,
        );
        expect(new Set([...frozen.handled, ...rescued])).to.deep.equal(new Set(published));
        const heldEventIds = await Promise.all(
          held.map((entryId) => eventIdOf(server().client(), stream, entryId)),
        );
        expect(rescued).to.include.members(heldEventIds);
      } finally {
        await frozen.kill('SIGKILL');
      }
    });

    it('does not let another consumer claim an entry whose slow handler is still running', async () => {
      const options = { connection: server().url, keyPrefix, group: 'workers', claimIdleMs: 150 };
      const slow = createBus({ ...options, consumer: 'slow' });
      const other = createBus({ ...options, consumer: 'other' });
      const runs: string[] = [];
      slow.subscribe(
        'work.requested',
        async () => {
          runs.push('slow');
          await new Promise((resolve) => setTimeout(resolve, 600));
        },
        { name: 'work' },
      );
      other.subscribe('work.requested', () => void runs.push('other'), { name: 'work' });
      slow.start();
      await slow.ready();
      await slow.publish(createEvent('work.requested', { index: 0 }));
      await waitFor('the slow handler to start', () => runs.length === 1);
      other.start();
      await slow.drain();
      expect(runs).to.deep.equal(['slow']);
    });
  });

  describe('dead-lettering after maxDeliveries', () => {
    it('dead-letters an entry delivered too often without running its handler', async () => {
      const client = server().client();
      const group = 'workers:work:work.requested';
      await client.call('XGROUP', 'CREATE', stream, group, '0', 'MKSTREAM');
      const publisher = createBus({ connection: server().url, keyPrefix, group: 'publisher' });
      const poison = createEvent('work.requested', { index: 0 });
      await publisher.publish(poison);
      const [[, [[entryId]]]] = (await client.call(
        'XREADGROUP',
        'GROUP',
        group,
        'crashed',
        'STREAMS',
        stream,
        '>',
      )) as [[string, [[string]]]];
      // As if it had crashed five consumers in a row.
      await client.call('XCLAIM', stream, group, 'crashed', 0, entryId, 'RETRYCOUNT', 5);
      const letters: DeadLetter[] = [];
      const bus = createBus({
        connection: server().url,
        keyPrefix,
        group: 'workers',
        maxDeliveries: 3,
        claimIdleMs: 50,
        onDeadLetter: (letter) => void letters.push(letter),
      });
      const handled: string[] = [];
      bus.subscribe('work.requested', (event) => void handled.push(event.id), { name: 'work' });
      bus.start();
      await waitFor('the entry to be dead-lettered', () => letters.length === 1);
      await bus.drain();
      expect(handled).to.deep.equal([]);
      const [listed] = await bus.listDeadLetters();
      expect(listed?.event.id).to.equal(poison.id);
      expect(listed?.attempts).to.equal(6);
      expect(letters[0]?.error).to.be.instanceOf(DeliveryLimitError);
      expect((listed?.error as Error).message).to.contain('delivered 6 times without acknowledgement');
      expect(await pendingCount(client, stream, group)).to.equal(0);
    });
  });

  describe('lost connection', () => {
    it('recreates the consumer group when the stream was deleted (NOGROUP) and goes on delivering', async () => {
      const bus = createBus({ connection: server().url, keyPrefix, group: 'workers' });
      const handled: number[] = [];
      bus.subscribe(
        'work.requested',
        (event) => void handled.push((event.payload as { index: number }).index),
        { name: 'work' },
      );
      bus.start();
      await bus.ready();
      await bus.publish(createEvent('work.requested', { index: 1 }));
      await bus.drain();
      await server().client().del(stream);
      await bus.publish(createEvent('work.requested', { index: 2 }));
      await waitFor('the event published after the deletion', () => handled.includes(2));
      expect(handled).to.deep.equal([1, 2]);
    });

    describe('with a persistent server restarted under load', () => {
      let persistent: RedisServer | undefined;

      before(async function () {
        this.timeout(15_000);
        persistent = await startRedisServer({ persistent: true });
      });

      after(async () => {
        await persistent?.stop();
      });

      it('reconnects and loses no event whose publish() resolved', async function () {
        this.timeout(20_000);
        const url = (persistent as RedisServer).url;
        const consumer = createBus({ connection: url, keyPrefix, group: 'ledger', prefetch: 2 });
        const publisher = createBus({ connection: url, keyPrefix, group: 'publisher' });
        const handled = new Set<string>();
        // Slower than the publisher and reading 2 at a time, so a backlog sits in Redis when it restarts.
        consumer.subscribe(
          'work.requested',
          async (event) => {
            await new Promise((resolve) => setTimeout(resolve, 5));
            handled.add(event.id);
          },
          { name: 'work' },
        );
        consumer.start();
        await consumer.ready();
        const acknowledged: string[] = [];
        let rejected = 0;
        let publishing = true;
        const load = (async () => {
          for (let index = 0; publishing; index += 1) {
            const event = createEvent('work.requested', { index });
            try {
              await publisher.publish(event);
              acknowledged.push(event.id);
            } catch {
              rejected += 1;
            }
            await new Promise((resolve) => setTimeout(resolve, 2));
          }
        })();
        await waitFor('load before the restart', () => acknowledged.length >= 50);
        const backlog = acknowledged.length - handled.size;
        await (persistent as RedisServer).restart();
        const afterRestart = acknowledged.length;
        await waitFor('load after the restart', () => acknowledged.length >= afterRestart + 50, 10_000);
        publishing = false;
        await load;
        await waitFor(
          'every acknowledged event to be handled',
          () => acknowledged.every((id) => handled.has(id)),
          10_000,
        );
        expect(backlog).to.be.greaterThan(2);
        expect(acknowledged.filter((id) => !handled.has(id))).to.deep.equal([]);
        expect(rejected).to.be.lessThan(acknowledged.length);
      });
    });
  });
});
