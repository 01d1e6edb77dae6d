import { expect } from 'chai';
import { RateSeries } from '../../../src/inspector/recorder/rate-series.js';

describe('RateSeries', () => {
  const clockAt = (start: number) => {
    const clock = { now: start };
    return { clock, now: () => clock.now };
  };

  describe('add()', () => {
    it('counts into the current bucket until rotate() moves to the next second', () => {
      const { clock, now } = clockAt(10_000);
      const series = new RateSeries(3, 1000, now);
      series.add();
      series.add();
      clock.now = 11_200;
      series.add();
      series.rotate();
      series.add();
      expect(series.snapshot()).to.deep.equal({ bucketMs: 1000, endsAt: 12_000, counts: [0, 3, 1] });
    });
  });

  describe('snapshot()', () => {
    it('shows idle seconds as zeros and drops counts older than the window', () => {
      const { clock, now } = clockAt(10_000);
      const series = new RateSeries(3, 1000, now);
      series.add();
      clock.now = 12_500;
      expect(series.snapshot().counts).to.deep.equal([1, 0, 0]);
      clock.now = 60_000;
      expect(series.snapshot().counts).to.deep.equal([0, 0, 0]);
    });

    it('keeps a fixed number of buckets whatever the rate', () => {
      const { clock, now } = clockAt(0);
      const series = new RateSeries(5, 1000, now);
      for (let tick = 0; tick < 10_000; tick++) {
        clock.now = tick * 7;
        series.rotate();
        series.add();
      }
      expect(series.snapshot().counts).to.have.lengthOf(5);
    });
  });
});
