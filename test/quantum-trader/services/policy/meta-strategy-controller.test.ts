import { expect } from 'chai';
import sinon from 'sinon';
import { silentLogger } from '../../../../src/core/index.js';
import {
  createQuantumTraderContainer,
  InMemoryPolicyStore,
  MetaStrategyController,
  type QuantumTraderEvents,
} from '../../../../src/quantum-trader/index.js';
import { createTestContainer } from '../../../../src/testing/index.js';
import { aHealthStatusChanged } from '../../builders.js';

async function setUp() {
  const store = new InMemoryPolicyStore();
  const update = sinon.spy(store, 'update');
  const { container, bus } = await createTestContainer<QuantumTraderEvents>({
    container: createQuantumTraderContainer({ policyStore: store, logger: silentLogger }),
  });
  return { store, update, bus, controller: container.get(MetaStrategyController) };
}

describe('MetaStrategyController', () => {
  afterEach(() => sinon.restore());

  describe('onHealthStatusChanged()', () => {
    it('is subscribed to health.status_changed by the container scan', async () => {
      const { bus } = await setUp();
      sinon.assert.calledWithMatch(bus.subscribe, 'health.status_changed', sinon.match.func, {
        name: 'MetaStrategyController.onHealthStatusChanged',
      });
    });

    it('writes a DEFENSIVE policy when health goes CRITICAL, then publishes policy.updated', async () => {
      const { update, bus, controller } = await setUp();
      await controller.onHealthStatusChanged(aHealthStatusChanged('CRITICAL', 'DEGRADED'));
      sinon.assert.calledOnceWithMatch(update, { riskMode: 'DEFENSIVE' });
      sinon.assert.calledOnceWithMatch(bus.publish, {
        type: 'policy.updated',
        payload: { riskMode: 'DEFENSIVE', previousRiskMode: 'NORMAL', version: 2 },
      });
      sinon.assert.callOrder(update, bus.publish);
    });

    it('publishes nothing when the new health leaves the policy as it is', async () => {
      const { update, bus, controller } = await setUp();
      await controller.onHealthStatusChanged(aHealthStatusChanged('DEGRADED'));
      sinon.assert.notCalled(update);
      sinon.assert.notCalled(bus.publish);
    });

    it('publishes once for two CRITICAL events in a row', async () => {
      const { bus, controller } = await setUp();
      await controller.onHealthStatusChanged(aHealthStatusChanged('CRITICAL'));
      await controller.onHealthStatusChanged(aHealthStatusChanged('CRITICAL', 'CRITICAL'));
      sinon.assert.calledOnce(bus.publish);
    });
  });

  describe('evaluate()', () => {
    it('never publishes when the store write fails, and rejects with its error', async () => {
      const { update, bus, controller } = await setUp();
      update.restore();
      const failing = sinon.stub(InMemoryPolicyStore.prototype, 'update').rejects(new Error('store offline'));
      await controller.evaluate({ health: 'CRITICAL' }).then(
        () => expect.fail('evaluate should reject'),
        (error: Error) => expect(error.message).to.equal('store offline'),
      );
      sinon.assert.calledOnce(failing);
      sinon.assert.notCalled(bus.publish);
    });

    it('resolves with the policy in force and whether it changed', async () => {
      const { controller } = await setUp();
      const unchanged = await controller.evaluate({ winRate: 0.55 });
      const changed = await controller.evaluate({ winRate: 0.7, drawdownPct: 1 });
      expect(unchanged).to.deep.include({ changed: false });
      expect(changed.changed).to.equal(true);
      expect(changed.policy).to.include({ riskMode: 'AGGRESSIVE', version: 2 });
      expect(controller.snapshot).to.deep.equal({ health: 'HEALTHY', winRate: 0.7, drawdownPct: 1 });
    });

    it('runs evaluations one at a time, so concurrent calls publish each change once', async () => {
      const { bus, controller } = await setUp();
      await Promise.all([
        controller.evaluate({ health: 'CRITICAL' }),
        controller.evaluate({ health: 'CRITICAL' }),
      ]);
      sinon.assert.calledOnce(bus.publish);
    });
  });
});
