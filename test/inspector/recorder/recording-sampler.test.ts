import { expect } from 'chai';
import fc from 'fast-check';
import { RecordingSampler } from '../../../src/inspector/recorder/recording-sampler.js';

/** Admits `count` events, returning how many were to record. */
function admitMany(sampler: RecordingSampler, count: number): number {
  let admitted = 0;
  for (let index = 0; index < count; index++) if (sampler.admit()) admitted += 1;
  return admitted;
}

describe('RecordingSampler', () => {
  describe('admit()', () => {
    it('admits every event while a tick stays within its budget', () => {
      const sampler = new RecordingSampler(100);
      for (let tick = 0; tick < 3; tick++) {
        expect(admitMany(sampler, 100)).to.equal(100);
        sampler.tick();
      }
      expect(sampler.every).to.equal(1);
    });

    it('keeps what it admits near the budget per tick at any rate', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 500 }),
          fc.array(fc.integer({ min: 0, max: 50_000 }), { minLength: 1, maxLength: 8 }),
          (budget, ticks) => {
            const sampler = new RecordingSampler(budget);
            let previous = 0;
            for (const count of ticks) {
              const admitted = admitMany(sampler, count);
              // Sparser as the count grows: the budget, plus at most budget * log2(count / budget) for a
              // burst the last tick did not announce.
              const burst = count > budget && count > 2 * previous ? budget * Math.log2(count / budget) : 0;
              expect(admitted).to.be.at.most(Math.ceil(2 * budget + burst + 1));
              // After a quiet tick, nothing within the budget is left out.
              if (previous <= budget) expect(admitted).to.be.at.least(Math.min(count, budget));
              sampler.tick();
              previous = count;
            }
          },
        ),
      );
    });
  });

  describe('every', () => {
    it('follows the rate of the last tick, and grows within a burst', () => {
      const sampler = new RecordingSampler(10);
      admitMany(sampler, 95);
      expect(sampler.every).to.equal(10);
      sampler.tick();
      expect(sampler.every).to.equal(10);
      admitMany(sampler, 300);
      expect(sampler.every).to.equal(30);
      sampler.tick();
      sampler.tick();
      expect(sampler.every).to.equal(1);
    });
  });
});
