import { expect } from 'chai';
import { PublishesInFlight } from '../../../src/redis/bus/publishes-in-flight.js';

describe('PublishesInFlight', () => {
  describe('settled()', () => {
    it('is undefined when no publish to the streams is running', () => {
      const inFlight = new PublishesInFlight();
      inFlight.begin('other')();
      inFlight.begin('busy');
      expect(inFlight.settled(['other', 'idle'])).to.equal(undefined);
    });

    it('resolves once the publishes begun before it have returned, not those begun after', async () => {
      const inFlight = new PublishesInFlight();
      const first = inFlight.begin('a');
      const second = inFlight.begin('b');
      let settled = false;
      const waiting = inFlight.settled(['a', 'b'])?.then(() => (settled = true));
      inFlight.begin('a');
      first();
      await Promise.resolve();
      expect(settled).to.equal(false);
      second();
      await waiting;
      expect(settled).to.equal(true);
    });
  });
});
