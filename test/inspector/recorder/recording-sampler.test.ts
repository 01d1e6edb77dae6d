import { expect } from 'chai';
import fc from 'fast-check';
import { RecordingSampler } from '../../../src/inspector/recorder/recording-sampler.js';

/**
 * Plays the bus's side of sampling, as `BusInstrumentation.sampleEvery` specifies it: the first event,
 * then one in `every` (read again after each sample), starting over when `tick()` asks for a resample.
 * Returns how many events were sampled in each tick.
 */
function simulateBus(sampler: RecordingSampler, ticks: readonly number[]): number[] {
  let untilSample = 0;
  return ticks.map((count) => {
    let sampled = 0;
    for (let index = 0; index < count; index++) {
      if (--untilSample > 0) continue;
      sampler.sampled();
      sampled += 1;
      untilSample = sampler.every;
    }
    if (sampler.tick(count)) untilSample = 0;
    return sampled;
  });
}

describe('RecordingSampler', () => {
  it('has every event sampled while each tick stays within its budget', () => {
    const sampler = new RecordingSampler(100);
    expect(simulateBus(sampler, [100, 100, 100])).to.deep.equal([100, 100, 100]);
    expect(sampler.every).to.equal(1);
  });

  it('keeps the samples near the budget per tick at any rate, and misses nothing after a quiet tick', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.array(fc.integer({ min: 0, max: 50_000 }), { minLength: 1, maxLength: 8 }),
        (budget, ticks) => {
          const sampled = simulateBus(new RecordingSampler(budget), ticks);
          ticks.forEach((count, index) => {
            const previous = ticks[index - 1] ?? 0;
            const taken = sampled[index] as number;
            // Sparser as the count grows: the budget, plus at most budget * log2(count / budget) for a
            // burst the last tick did not announce.
            const burst = count > budget && count > 2 * previous ? budget * Math.log2(count / budget) : 0;
            expect(taken).to.be.at.most(Math.ceil(2 * budget + burst + 1));
            if (previous <= budget) expect(taken).to.be.at.least(Math.min(count, budget));
          });
        },
      ),
    );
  });

  describe('every', () => {
    it('follows the count of the last tick, and grows within a burst', () => {
      const sampler = new RecordingSampler(10);
      simulateBus(sampler, [95]);
      expect(sampler.every).to.equal(10);
      let standsFor = 0;
      for (let index = 0; index < 20; index++) {
        standsFor += sampler.every;
        sampler.sampled();
      }
      // Each sample stands for the interval it was taken at: 264 events by the twentieth, past the
      // budget of 10 per tick, so the interval has grown to 264 / 10 without waiting for the tick.
      expect(standsFor).to.equal(264);
      expect(sampler.every).to.equal(27);
    });
  });

  describe('tick()', () => {
    it('asks for a resample when the interval falls to half or less, not for smaller swings', () => {
      const sampler = new RecordingSampler(10);
      expect(sampler.tick(1000)).to.equal(false);
      expect(sampler.every).to.equal(100);
      expect(sampler.tick(600)).to.equal(false);
      expect(sampler.tick(300)).to.equal(true);
      expect(sampler.tick(0)).to.equal(true);
      expect(sampler.every).to.equal(1);
      expect(sampler.tick(0)).to.equal(false);
    });
  });
});
