import { expect } from 'chai';
import fc from 'fast-check';
import { RingQueue } from '../../../src/core/queue/ring-queue.js';

describe('RingQueue', () => {
  it('returns items first in, first out across growth and wrap-around', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer(), fc.constant('shift' as const)), { maxLength: 300 }),
        (operations) => {
          const queue = new RingQueue<number>();
          const model: number[] = [];
          for (const operation of operations) {
            if (operation === 'shift') expect(queue.shift()).to.equal(model.shift());
            else {
              queue.push(operation);
              model.push(operation);
            }
            expect(queue.length).to.equal(model.length);
            expect(queue.peek()).to.equal(model[0]);
          }
          expect([...queue]).to.deep.equal(model);
        },
      ),
    );
  });

  describe('retain()', () => {
    it('keeps the matching items in order', () => {
      const queue = new RingQueue<number>();
      for (let item = 0; item < 40; item += 1) queue.push(item);
      queue.retain((item) => item % 3 === 0);
      expect([...queue]).to.deep.equal([0, 3, 6, 9, 12, 15, 18, 21, 24, 27, 30, 33, 36, 39]);
    });
  });
});
