import { expect } from 'chai';
import { BaseEvent, InvalidEventError, isBusEvent } from '../../../src/core/index.js';
import { OrderPlacedEvent } from '../test-events.js';

describe('BaseEvent', () => {
  it('builds a frozen plain event whose type is the static type of its class', () => {
    const event = new OrderPlacedEvent({ orderId: 'o-1', symbol: 'ETH' });
    expect(event.type).to.equal('order.placed');
    expect(event.payload).to.deep.equal({ orderId: 'o-1', symbol: 'ETH' });
    expect(isBusEvent(event)).to.equal(true);
    expect(Object.isFrozen(event)).to.equal(true);
    expect(Object.isFrozen(event.payload)).to.equal(true);
    expect(event).to.be.instanceOf(OrderPlacedEvent);
  });

  it('takes the same options as createEvent()', () => {
    const event = new OrderPlacedEvent(
      { orderId: 'o-1', symbol: 'ETH' },
      { id: 'fixed', correlationId: 'c' },
    );
    expect(event).to.include({ id: 'fixed', correlationId: 'c' });
  });

  it('rejects a subclass without a valid static type', () => {
    class Untyped extends BaseEvent<'x', number> {}
    class Wildcard extends BaseEvent<'a.*', number> {
      static readonly type = 'a.*';
    }
    expect(() => new Untyped(1)).to.throw(InvalidEventError, /Untyped has no static "type"/);
    expect(() => new Wildcard(1)).to.throw(InvalidEventError, /wildcard/);
  });
});
