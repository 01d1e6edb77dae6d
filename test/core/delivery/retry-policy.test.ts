import { expect } from 'chai';
import { InvalidSubscriptionError } from '../../../src/core/index.js';
import { createRetryPolicy } from '../../../src/core/delivery/retry-policy.js';

describe('createRetryPolicy()', () => {
  it('grows delays exponentially up to the maximum', () => {
    const policy = createRetryPolicy({
      attempts: 6,
      initialDelayMs: 100,
      factor: 3,
      maxDelayMs: 2000,
      jitter: 0,
    });
    expect([1, 2, 3, 4, 5].map((attempt) => policy.delayAfter(attempt))).to.deep.equal([
      100, 300, 900, 2000, 2000,
    ]);
  });

  it('randomises at most the jitter fraction of each delay', () => {
    const low = createRetryPolicy({ attempts: 2, initialDelayMs: 1000, jitter: 0.25 }, () => 1);
    const high = createRetryPolicy({ attempts: 2, initialDelayMs: 1000, jitter: 0.25 }, () => 0);
    expect(low.delayAfter(1)).to.equal(750);
    expect(high.delayAfter(1)).to.equal(1000);
  });

  it('treats a number as a count of attempts and no option as a single attempt', () => {
    expect(createRetryPolicy(4).attempts).to.equal(4);
    expect(createRetryPolicy(undefined).attempts).to.equal(1);
  });

  for (const [label, options] of [
    ['zero attempts', { attempts: 0 }],
    ['fractional attempts', { attempts: 1.5 }],
    ['a negative delay', { attempts: 2, initialDelayMs: -1 }],
    ['a factor below 1', { attempts: 2, factor: 0.5 }],
    ['jitter above 1', { attempts: 2, jitter: 2 }],
    ['a retryable that is not a function', { attempts: 2, retryable: 'yes' }],
  ] as const) {
    it(`rejects ${label}`, () => {
      expect(() => createRetryPolicy(options as never)).to.throw(InvalidSubscriptionError);
    });
  }
});
