import { expect } from 'chai';
import { createEvent, InvalidEventError, runWithCorrelation } from '../../../src/core/index.js';

describe('createEvent()', () => {
  it('builds an event with a unique id, the type, a timestamp and the payload', () => {
    const before = Date.now();
    const first = createEvent('trade.executed', { symbol: 'ETH' });
    const second = createEvent('trade.executed', { symbol: 'ETH' });
    expect(first.type).to.equal('trade.executed');
    expect(first.payload).to.deep.equal({ symbol: 'ETH' });
    expect(first.timestamp.getTime()).to.be.within(before, Date.now());
    expect(first.id).to.be.a('string').and.not.equal(second.id);
  });

  it('uses the id, timestamp, correlation and causation ids and headers it is given', () => {
    const timestamp = new Date('2026-01-01T00:00:00Z');
    const event = createEvent('a.b', 1, {
      id: 'e-1',
      timestamp,
      correlationId: 'c-1',
      causationId: 'p-1',
      headers: { tenant: 'fund-a' },
    });
    expect(event).to.include({ id: 'e-1', timestamp, correlationId: 'c-1', causationId: 'p-1' });
    expect(event.headers).to.deep.equal({ tenant: 'fund-a' });
  });

  it('freezes the event and, deeply, its plain-object and array payload', () => {
    const event = createEvent('a.b', { nested: { list: [{ x: 1 }] } });
    expect(Object.isFrozen(event)).to.equal(true);
    expect(Object.isFrozen(event.payload.nested.list[0])).to.equal(true);
    expect(() => {
      (event.payload.nested.list as { x: number }[]).push({ x: 2 });
    }).to.throw(TypeError);
  });

  it('gives the event a timestamp that is a Date no handler can change', () => {
    const event = createEvent('a.b', {});
    expect(event.timestamp).to.be.instanceOf(Date);
    expect(() => event.timestamp.setTime(0)).to.throw(TypeError, /immutable/);
    expect(() => event.timestamp.setFullYear(1999)).to.throw(TypeError);
    expect(new Date(event.timestamp).getTime()).to.equal(event.timestamp.getTime());
  });

  it('leaves class instances inside the payload as they are', () => {
    const prices = new Map([['ETH', 1]]);
    const event = createEvent('a.b', { prices });
    prices.set('BTC', 2);
    expect(event.payload.prices.get('BTC')).to.equal(2);
  });

  it('inherits the correlation id of runWithCorrelation()', () => {
    const event = runWithCorrelation('request-7', () => createEvent('a.b', {}));
    expect(event.correlationId).to.equal('request-7');
    expect(event.causationId).to.equal(undefined);
  });

  for (const [label, type] of [
    ['an empty type', ''],
    ['a wildcard', 'health.*'],
    ['an empty segment', 'health..changed'],
    ['a leading dot', '.health'],
    ['a space', 'health changed'],
    ['a type over 256 characters', 'a'.repeat(257)],
  ] as const) {
    it(`rejects ${label} with InvalidEventError`, () => {
      expect(() => createEvent(type, {}))
        .to.throw(InvalidEventError)
        .with.property('code', 'EBUS_INVALID_EVENT');
    });
  }

  it('rejects an invalid timestamp and non-string headers', () => {
    expect(() => createEvent('a.b', {}, { timestamp: new Date('nope') })).to.throw(
      InvalidEventError,
      /timestamp/,
    );
    expect(() => createEvent('a.b', {}, { headers: { n: 1 as unknown as string } })).to.throw(
      InvalidEventError,
      /header "n"/,
    );
  });
});
