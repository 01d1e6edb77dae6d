import { expect } from 'chai';
import { DurationWindow } from '../../../src/inspector/recorder/duration-window.js';

describe('DurationWindow', () => {
  describe('percentiles()', () => {
    it('has none before the first duration', () => {
      expect(new DurationWindow(8).percentiles()).to.equal(undefined);
    });

    it('gives nearest-rank p50 and p99 of the durations held', () => {
      const window = new DurationWindow(1000);
      for (let ms = 1; ms <= 100; ms++) window.record(ms);
      expect(window.percentiles()).to.deep.equal({ p50: 50, p99: 99, samples: 100 });
    });

    it('forgets the oldest durations once full, so percentiles follow recent behaviour', () => {
      const window = new DurationWindow(4);
      [1000, 1000, 1000, 1000, 2, 2, 2, 2].forEach((ms) => window.record(ms));
      expect(window.percentiles()).to.deep.equal({ p50: 2, p99: 2, samples: 4 });
    });

    it('reflects a duration recorded after a previous read', () => {
      const window = new DurationWindow(4);
      window.record(1);
      expect(window.percentiles()?.p99).to.equal(1);
      window.record(9);
      expect(window.percentiles()?.p99).to.equal(9);
    });
  });
});
