import { expect } from 'chai';
import { createEvent, InvalidEventError } from '../../../src/core/index.js';
import { EventCodec } from '../../../src/redis/codec/event-codec.js';
import { TradeExecutedEvent } from '../../../src/quantum-trader/index.js';

const codec = new EventCodec();

describe('EventCodec', () => {
  describe('encode()', () => {
    it('writes the schema version and the event as JSON, plus the reply request when asked', () => {
      const event = createEvent('a.b', { n: 1 });
      const fields = codec.encode(event, 5_000);
      expect(fields.slice(0, 2)).to.deep.equal(['v', '1']);
      expect(fields.slice(-2)).to.deep.equal(['reply', '5000']);
      expect(JSON.parse(fields[3] ?? '')).to.include({ id: event.id, type: 'a.b' });
    });

    for (const [what, payload, culprit] of [
      ['a Map', { positions: new Map() }, 'payload.positions'],
      ['a BigInt', { size: 10n }, 'payload.size'],
      ['NaN', { price: Number.NaN }, 'payload.price'],
      ['a function', { callback: () => undefined }, 'payload.callback'],
      ['undefined inside an array', { list: [1, undefined] }, 'payload.list.1'],
      ['a class instance', { when: new (class Clock {})() }, 'payload.when'],
      ['a __proto__ key', JSON.parse('{"__proto__":{"x":1}}') as unknown, 'payload.__proto__'],
      ['a constructor key', { nested: { constructor: 'x' } }, 'payload.nested.constructor'],
    ] as const) {
      it(`rejects a payload holding ${what}, naming where`, () => {
        expect(() => codec.encode(createEvent('a.b', payload))).to.throw(InvalidEventError, culprit);
      });
    }

    it('rejects a payload with a cycle', () => {
      const payload: Record<string, unknown> = {};
      payload['self'] = payload;
      expect(() => codec.encode({ id: 'x', type: 'a.b', timestamp: new Date(), payload })).to.throw(
        InvalidEventError,
        /cycle/,
      );
    });

    it('rejects a header named __proto__', () => {
      const headers = JSON.parse('{"__proto__":"x"}') as Record<string, string>;
      expect(() =>
        codec.encode({ id: 'x', type: 'a.b', timestamp: new Date(), payload: {}, headers }),
      ).to.throw(InvalidEventError);
    });
  });

  describe('decode()', () => {
    it('returns an equal, frozen event: Dates revived, optional ids and headers kept', () => {
      const event = createEvent(
        'a.b',
        { at: new Date('2026-01-02T03:04:05.006Z'), list: [{ when: new Date(0) }], text: '2026-01-01' },
        { correlationId: 'c', causationId: 'p', headers: { tenant: 'acme' } },
      );
      const decoded = codec.decode(codec.encode(event), 'a.b');
      expect(decoded.ok).to.equal(true);
      const copy = decoded.ok ? decoded.event : undefined;
      expect(copy).to.deep.equal(event);
      expect((copy?.payload as { text: unknown }).text).to.equal('2026-01-01');
      expect(Object.isFrozen(copy)).to.equal(true);
      expect(Object.isFrozen((copy?.payload as { list: unknown[] }).list[0])).to.equal(true);
      expect(Object.isFrozen(copy?.headers)).to.equal(true);
    });

    it('keeps an undefined payload undefined', () => {
      const decoded = codec.decode(codec.encode(createEvent('a.b', undefined)), 'a.b');
      expect(decoded.ok && 'payload' in decoded.event && decoded.event.payload).to.equal(undefined);
    });

    it('makes events of a registered class instances of it again', () => {
      const classCodec = new EventCodec();
      classCodec.registerClass(TradeExecutedEvent.type, TradeExecutedEvent.prototype);
      const event = new TradeExecutedEvent({
        orderId: 'o',
        symbol: 'BTC',
        side: 'BUY',
        quantity: 1,
        price: 2,
      });
      const decoded = classCodec.decode(classCodec.encode(event), 'trade.executed');
      expect(decoded.ok && decoded.event).to.be.instanceOf(TradeExecutedEvent);
    });

    it('reads the reply request of an entry published with publishAndWait()', () => {
      const decoded = codec.decode(codec.encode(createEvent('a.b', {}), 1_000), 'a.b');
      expect(decoded.ok && decoded.replyTtlMs).to.equal(1_000);
    });

    it('refuses a date path that leads through __proto__, leaving Object.prototype alone', () => {
      const body = JSON.stringify({
        id: 'e',
        type: 'a.b',
        timestamp: new Date(0).toISOString(),
        payload: {},
        datePaths: [['__proto__', 'polluted']],
      });
      const decoded = codec.decode(['v', '1', 'event', body], 'a.b');
      expect(decoded.ok).to.equal(false);
      expect(({} as Record<string, unknown>)['polluted']).to.equal(undefined);
    });

    it('refuses a field list of odd length or with non-string values', () => {
      expect(codec.decode(['v', '1', 'event'], 'a.b')).to.deep.include({ ok: false });
      expect(codec.decode(['v', 1], 'a.b')).to.deep.include({ ok: false });
    });
  });
});
