import { expect } from 'chai';
import { createEvent, UnknownDeadLetterError, type Event } from '../../../src/core/index.js';
import type { MalformedEntry } from '../../../src/redis/index.js';
import { trackBuses, uniquePrefix, useRedisServer, waitFor } from '../support/use-redis-server.js';

const validBody = (type: string, overrides: Record<string, unknown> = {}): string =>
  JSON.stringify({
    id: 'e1',
    type,
    timestamp: '2026-12-04T10:00:00.000Z',
    payload: { ok: true },
    ...overrides,
  });

const withPayloadKey = (type: string, member: string): string[] => [
  'v',
  '1',
  'event',
  validBody(type).replace('{"ok"', `{${member},"ok"`),
];

describe('DeadLetterStream', () => {
  const server = useRedisServer();
  const createBus = trackBuses();
  let keyPrefix: string;

  beforeEach(() => {
    keyPrefix = uniquePrefix();
  });

  describe('poison events', () => {
    it('keeps an event whose handler failed every attempt, with the error, then acknowledges it', async () => {
      const bus = createBus({ connection: server().url, keyPrefix, group: 'notifier' });
      bus.subscribe(
        'trade.executed',
        () => {
          throw new Error('discord webhook returned 500');
        },
        { name: 'notify', retry: { attempts: 3, initialDelayMs: 1 } },
      );
      bus.start();
      await bus.ready();
      const poison = createEvent('trade.executed', { symbol: 'BTC' });
      await bus.publish(poison);
      await bus.drain();
      const letters = await bus.listDeadLetters();
      expect(letters).to.have.lengthOf(1);
      expect(letters[0]).to.deep.include({
        subscription: 'notify',
        subscriptionId: 'notifier:notify:trade.executed',
        attempts: 3,
      });
      expect(letters[0]?.event).to.deep.equal(poison);
      expect((letters[0]?.error as Error).message).to.equal('discord webhook returned 500');
    });

    it('replays a letter to its subscription and removes it once handled', async () => {
      const bus = createBus({ connection: server().url, keyPrefix, group: 'notifier' });
      let webhookUp = false;
      const delivered: Event[] = [];
      bus.subscribe(
        'trade.executed',
        (event) => {
          if (!webhookUp) throw new Error('webhook down');
          delivered.push(event);
        },
        { name: 'notify' },
      );
      bus.start();
      await bus.ready();
      await bus.publish(createEvent('trade.executed', { symbol: 'ETH' }));
      await bus.drain();
      const [letter] = await bus.listDeadLetters();
      webhookUp = true;
      await bus.replayDeadLetter(letter?.id ?? '');
      expect(delivered.map((event) => event.id)).to.deep.equal([letter?.event.id]);
      expect(await bus.listDeadLetters()).to.deep.equal([]);
    });

    it('brings a replayed letter back as a new letter when it fails again', async () => {
      const bus = createBus({ connection: server().url, keyPrefix, group: 'notifier' });
      bus.subscribe(
        'trade.executed',
        () => {
          throw new Error('still down');
        },
        { name: 'notify' },
      );
      bus.start();
      await bus.ready();
      await bus.publish(createEvent('trade.executed', { symbol: 'ETH' }));
      await bus.drain();
      const [first] = await bus.listDeadLetters();
      await bus.replayDeadLetter(first?.id ?? '');
      const letters = await bus.listDeadLetters();
      expect(letters).to.have.lengthOf(1);
      expect(letters[0]?.id).to.not.equal(first?.id);
      expect(letters[0]?.event.id).to.equal(first?.event.id);
    });

    it('rejects a replay of an unknown letter with UnknownDeadLetterError', async () => {
      const bus = createBus({ connection: server().url, keyPrefix, group: 'notifier' });
      const error = await bus.replayDeadLetter('nope').catch((caught: unknown) => caught);
      expect(error).to.be.instanceOf(UnknownDeadLetterError);
    });

    it('discards a letter without replaying it', async () => {
      const bus = createBus({ connection: server().url, keyPrefix, group: 'notifier' });
      bus.subscribe(
        'a.b',
        () => {
          throw new Error('no');
        },
        { name: 'fail' },
      );
      bus.start();
      await bus.ready();
      await bus.publish(createEvent('a.b', {}));
      await bus.drain();
      const [letter] = await bus.listDeadLetters();
      expect(await bus.discardDeadLetter(letter?.id ?? '')).to.equal(true);
      expect(await bus.discardDeadLetter(letter?.id ?? '')).to.equal(false);
      expect(await bus.listDeadLetters()).to.deep.equal([]);
    });
  });

  describe('malformed entries', () => {
    const cases: readonly [string, (type: string) => string[], RegExp][] = [
      ['bad JSON', () => ['v', '1', 'event', '{"id": "e1", '], /not acceptable JSON/],
      ['no schema version', (type) => ['event', validBody(type)], /no schema version/],
      [
        'an unknown schema version',
        (type) => ['v', '99', 'event', validBody(type)],
        /schema version is "99"/,
      ],
      ['no event field', () => ['v', '1'], /no "event" field/],
      [
        'a missing payload',
        (type) => ['v', '1', 'event', validBody(type, { payload: undefined })],
        /no payload/,
      ],
      ['a missing id', (type) => ['v', '1', 'event', validBody(type, { id: undefined })], /has no id/],
      [
        'an invalid timestamp',
        (type) => ['v', '1', 'event', validBody(type, { timestamp: 'yesterday' })],
        /invalid timestamp/,
      ],
      [
        'another type than its stream',
        () => ['v', '1', 'event', validBody('other.type')],
        /does not match the stream/,
      ],
      [
        'a __proto__ key',
        (type) => ['v', '1', 'event', validBody(type).replace('{"ok"', '{"__proto__":{"polluted":1},"ok"')],
        /"__proto__"/,
      ],
      [
        'an escaped __proto__ key',
        (type) => [
          'v',
          '1',
          'event',
          validBody(type).replace('{"ok"', '{"\\u005f_proto__":{"polluted":1},"ok"'),
        ],
        /"__proto__"/,
      ],
      ['a constructor key', (type) => withPayloadKey(type, '"constructor":{"name":"x"}'), /"constructor"/],
      ['a prototype key', (type) => withPayloadKey(type, '"prototype":{"admin":true}'), /"prototype"/],
      [
        'headers that are not strings',
        (type) => ['v', '1', 'event', validBody(type, { headers: { n: 1 } })],
        /header "n"/,
      ],
    ];

    it('moves each to the dead-letter stream with its reason, never reaching a handler, and goes on', async () => {
      const type = 'order.placed';
      const stream = `${keyPrefix}:events:${type}`;
      const malformed: MalformedEntry[] = [];
      const bus = createBus({
        connection: server().url,
        keyPrefix,
        group: 'orders',
        onMalformedEntry: (entry) => void malformed.push(entry),
      });
      const handled: Event[] = [];
      bus.subscribe(type, (event) => void handled.push(event), { name: 'place' });
      bus.start();
      await bus.ready();
      const client = server().client();
      for (const [, fields] of cases) await client.call('XADD', stream, '*', ...fields(type));
      const good = createEvent(type, { ok: true });
      await bus.publish(good);
      await waitFor('the good event', () => handled.length === 1);
      await bus.drain();
      expect(handled.map((event) => event.id)).to.deep.equal([good.id]);
      const entries = await bus.listMalformedEntries();
      expect(entries.map((entry) => entry.subscription)).to.deep.equal(cases.map(() => 'place'));
      cases.forEach(([what, , reason], index) => expect(entries[index]?.reason, what).to.match(reason));
      expect(malformed).to.have.lengthOf(cases.length);
      expect(({} as Record<string, unknown>)['polluted']).to.equal(undefined);
      expect(bus.stats().deadLettered).to.equal(cases.length);
    });

    it('are not listed as dead letters, and can be discarded', async () => {
      const type = 'order.placed';
      const bus = createBus({ connection: server().url, keyPrefix, group: 'orders' });
      bus.subscribe(type, () => undefined, { name: 'place' });
      bus.start();
      await bus.ready();
      await server().client().call('XADD', `${keyPrefix}:events:${type}`, '*', 'v', '1', 'event', 'not json');
      await bus.drain();
      expect(await bus.listDeadLetters()).to.deep.equal([]);
      const [entry] = await bus.listMalformedEntries();
      const error = await bus.replayDeadLetter(entry?.id ?? '').catch((caught: unknown) => caught);
      expect(error).to.be.instanceOf(UnknownDeadLetterError);
      expect(await bus.discardDeadLetter(entry?.id ?? '')).to.equal(true);
      expect(await bus.listMalformedEntries()).to.deep.equal([]);
    });
  });
});
