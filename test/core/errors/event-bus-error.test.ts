import { expect } from 'chai';
import { BusClosedError, EventBusError, QueueFullError } from '../../../src/core/index.js';

describe('EventBusError', () => {
  it('names the subclass and carries a stable code', () => {
    const error = new BusClosedError('trade.executed');
    expect(error.name).to.equal('BusClosedError');
    expect(error.code).to.equal('EBUS_BUS_CLOSED');
    expect(error.message).to.contain('"trade.executed"').and.contain('create a new bus');
    expect(error).to.be.instanceOf(EventBusError).and.instanceOf(Error);
  });

  describe('is()', () => {
    it('recognises errors of this package even without instanceof, and nothing else', () => {
      const foreignCopy = { ...new QueueFullError('a.b', 10) };
      Object.setPrototypeOf(foreignCopy, Error.prototype);
      expect(EventBusError.is(new QueueFullError('a.b', 10))).to.equal(true);
      expect(foreignCopy instanceof EventBusError).to.equal(false);
      expect(EventBusError.is(foreignCopy)).to.equal(true);
      expect(EventBusError.is(new Error('plain'))).to.equal(false);
      expect(EventBusError.is(null)).to.equal(false);
    });
  });
});
