import { expect } from 'chai';
import { RingBuffer } from '../../../src/inspector/recorder/ring-buffer.js';

describe('RingBuffer', () => {
  describe('push()', () => {
    it('keeps only the latest items once full, oldest first', () => {
      const ring = new RingBuffer<number>(3);
      for (let value = 1; value <= 5; value++) ring.push(value);
      expect(ring.toArray()).to.deep.equal([3, 4, 5]);
      expect(ring.size).to.equal(3);
      expect(ring.total).to.equal(5);
    });
  });

  describe('at()', () => {
    it('finds an item by sequence number while held, and nothing once evicted', () => {
      const ring = new RingBuffer<string>(2);
      ['a', 'b', 'c'].forEach((item) => ring.push(item));
      expect(ring.at(0)).to.equal(undefined);
      expect(ring.at(1)).to.equal('b');
      expect(ring.at(2)).to.equal('c');
      expect(ring.at(3)).to.equal(undefined);
    });
  });

  describe('forEachSince()', () => {
    it('visits the items after a sequence number with their numbers, skipping evicted ones', () => {
      const ring = new RingBuffer<string>(3);
      ['a', 'b', 'c', 'd', 'e'].forEach((item) => ring.push(item));
      const seen: [string, number][] = [];
      ring.forEachSince(1, (item, seq) => seen.push([item, seq]));
      expect(seen).to.deep.equal([
        ['c', 2],
        ['d', 3],
        ['e', 4],
      ]);
    });
  });
});
