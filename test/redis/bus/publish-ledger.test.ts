import { expect } from 'chai';
import type { Redis } from 'ioredis';
import { createEvent, silentLogger } from '../../../src/core/index.js';
import { PublishLedger } from '../../../src/redis/bus/publish-ledger.js';

const STREAM = 'eventbus:events:a.b';
const noRedis = (): Redis => {
  throw new Error('this test asks Redis nothing');
};
const subscriptions = (...names: string[]): Map<string, string> =>
  new Map(names.map((name) => [`group:${name}:a.b`, name]));

describe('PublishLedger', () => {
  let ledger: PublishLedger;

  beforeEach(() => {
    ledger = new PublishLedger(noRedis, silentLogger);
  });

  describe('appended()', () => {
    it('counts an event no subscription matches as finished', () => {
      ledger.appended(ledger.open(createEvent('a.b', {}), STREAM, subscriptions()), '1-0');
      expect([ledger.finished, ledger.size]).to.deep.equal([1, 0]);
    });

    it('finishes an event a local reader settled before the append returned', () => {
      const event = createEvent('a.b', {});
      const owed = ledger.open(event, STREAM, subscriptions('record'));
      ledger.settle('group:record:a.b', event.id);
      expect(ledger.finished).to.equal(0);
      ledger.appended(owed, '1-0');
      expect([ledger.finished, ledger.size]).to.deep.equal([1, 0]);
    });
  });

  describe('cancel()', () => {
    it('forgets an event whose append failed, counting nothing', () => {
      const event = createEvent('a.b', {});
      ledger.cancel(ledger.open(event, STREAM, subscriptions('record')));
      expect([ledger.finished, ledger.size]).to.deep.equal([0, 0]);
      expect(ledger.undelivered([])).to.deep.equal([]);
    });
  });

  describe('settle()', () => {
    it('finishes an event once every subscription owing it settled it, and counts it once', () => {
      const event = createEvent('a.b', {});
      ledger.appended(ledger.open(event, STREAM, subscriptions('book', 'ledger')), '1-0');
      ledger.settle('group:book:a.b', event.id);
      expect(ledger.undelivered([])).to.deep.equal([{ event, subscriptions: ['ledger'] }]);
      ledger.settle('group:ledger:a.b', event.id);
      ledger.settle('group:ledger:a.b', event.id);
      expect([ledger.finished, ledger.size]).to.deep.equal([1, 0]);
    });

    it('keeps two publishes of one event apart', () => {
      const event = createEvent('a.b', {});
      ledger.appended(ledger.open(event, STREAM, subscriptions('record')), '1-0');
      ledger.appended(ledger.open(event, STREAM, subscriptions('record')), '2-0');
      ledger.settle('group:record:a.b', event.id);
      expect([ledger.finished, ledger.size]).to.deep.equal([1, 1]);
    });
  });

  describe('release()', () => {
    it('finishes the events only an unsubscribed subscription owed', () => {
      const event = createEvent('a.b', {});
      ledger.appended(ledger.open(event, STREAM, subscriptions('record')), '1-0');
      ledger.release('group:record:a.b');
      expect([ledger.finished, ledger.size]).to.deep.equal([1, 0]);
    });
  });

  describe('undelivered()', () => {
    it('lists the events still owed, then the held events of other processes, each once', () => {
      const ours = createEvent('a.b', {});
      const theirs = createEvent('a.b', {});
      ledger.appended(ledger.open(ours, STREAM, subscriptions('record')), '1-0');
      expect(
        ledger.undelivered([
          { event: ours, subscriptions: ['record'] },
          { event: theirs, subscriptions: ['record'] },
        ]),
      ).to.deep.equal([
        { event: ours, subscriptions: ['record'] },
        { event: theirs, subscriptions: ['record'] },
      ]);
    });
  });
});
