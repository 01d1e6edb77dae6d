import { expect } from 'chai';
import { DEFAULT_TRADING_POLICY, InMemoryPolicyStore } from '../../../../src/quantum-trader/index.js';

describe('InMemoryPolicyStore', () => {
  describe('read()', () => {
    it('starts from the default policy, version 1', async () => {
      expect(await new InMemoryPolicyStore().read()).to.deep.equal(DEFAULT_TRADING_POLICY);
    });
  });

  describe('update()', () => {
    it('applies the changes and bumps the version by one', async () => {
      const store = new InMemoryPolicyStore();
      const updated = await store.update({ riskMode: 'DEFENSIVE', maxPositions: 2 });
      expect(updated).to.include({ riskMode: 'DEFENSIVE', maxPositions: 2, version: 2 });
      expect(await store.read()).to.equal(updated);
      expect((await store.update({})).version).to.equal(3);
    });

    it('returns frozen policies, so readers cannot change what is stored', async () => {
      const store = new InMemoryPolicyStore();
      expect(Object.isFrozen(await store.update({ riskMode: 'AGGRESSIVE' }))).to.equal(true);
    });
  });
});
