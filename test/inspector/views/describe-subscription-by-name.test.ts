import { expect } from 'chai';
import type { SubscriptionStats } from '../../../src/core/index.js';
import { describeSubscriptionByName } from '../../../src/inspector/views/describe-subscription-by-name.js';

const named = (name: string): SubscriptionStats => ({
  id: 's1',
  name,
  selector: 'a.b',
  delivered: 0,
  failed: 0,
  retried: 0,
  deadLettered: 0,
  inFlight: 0,
  queued: 0,
});

describe('describeSubscriptionByName()', () => {
  it('splits ClassName.methodName, as the inversify scanner names @OnEvent handlers', () => {
    expect(describeSubscriptionByName(named('PolicyStore.onPolicyUpdated'))).to.deep.equal({
      service: 'PolicyStore',
      method: 'onPolicyUpdated',
    });
  });

  it('gives nothing for other names', () => {
    for (const name of ['audit-trail', 'handler', 'a.b.c', 'subscription-3']) {
      expect(describeSubscriptionByName(named(name)), name).to.equal(undefined);
    }
  });
});
