import { expect } from 'chai';
import sinon from 'sinon';
import { createEvent, InMemoryIdempotencyStore, makeIdempotent } from '../../../src/core/index.js';

describe('makeIdempotent()', () => {
  it('runs the handler once per event id, and again after a failed run', async () => {
    const calls: string[] = [];
    let fail = true;
    const handler = makeIdempotent(function book(event: { id: string }) {
      calls.push(event.id);
      if (fail) throw new Error('db down');
    });
    const event = createEvent('trade.executed', {});
    const context = undefined as never;
    const failure = await handler(event, context).catch((error: Error) => error.message);
    fail = false;
    await handler(event, context);
    await handler(event, context);
    expect(failure).to.equal('db down');
    expect(calls).to.deep.equal([event.id, event.id]);
    expect(handler.name).to.equal('book');
  });

  it('forgets ids after the TTL', async () => {
    let now = 0;
    const store = new InMemoryIdempotencyStore(() => now);
    const inner = sinon.spy();
    const handler = makeIdempotent(inner, { store, ttlMs: 1000, scope: 'ledger' });
    const event = createEvent('trade.executed', {});
    await handler(event, undefined as never);
    now = 999;
    await handler(event, undefined as never);
    now = 1000;
    await handler(event, undefined as never);
    expect(inner.callCount).to.equal(2);
    expect(store.size).to.equal(1);
  });
});

describe('InMemoryIdempotencyStore', () => {
  it('sweeps expired keys as new ones are added, so memory stays bounded by one TTL', () => {
    let now = 0;
    const store = new InMemoryIdempotencyStore(() => now);
    for (let index = 0; index < 1000; index += 1) {
      now = index;
      store.add(`k${index}`, 10);
    }
    expect(store.size).to.be.at.most(11);
    expect(store.has('k999')).to.equal(true);
    expect(store.has('k0')).to.equal(false);
  });
});
