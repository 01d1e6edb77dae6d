import { expect } from 'chai';
import sinon from 'sinon';
import { silentLogger } from '../../../../src/core/index.js';
import {
  createQuantumTraderContainer,
  type QuantumTraderEvents,
  SystemHealthMonitor,
} from '../../../../src/quantum-trader/index.js';
import { createTestContainer } from '../../../../src/testing/index.js';
import { CRITICAL_METRICS, DEGRADED_METRICS, HEALTHY_METRICS } from '../../builders.js';

async function setUp() {
  const { container, bus } = await createTestContainer<QuantumTraderEvents>({
    container: createQuantumTraderContainer({ logger: silentLogger }),
  });
  return { bus, monitor: container.get(SystemHealthMonitor) };
}

describe('SystemHealthMonitor', () => {
  describe('report()', () => {
    it('publishes health.status_changed with the previous status and the reasons when the status changes', async () => {
      const { bus, monitor } = await setUp();
      const report = await monitor.report(DEGRADED_METRICS);
      expect(report).to.deep.equal({
        status: 'DEGRADED',
        reasons: ['exchange latency 800 ms > 500 ms'],
        changed: true,
      });
      sinon.assert.calledOnceWithMatch(bus.publish, {
        type: 'health.status_changed',
        payload: {
          status: 'DEGRADED',
          previousStatus: 'HEALTHY',
          reasons: ['exchange latency 800 ms > 500 ms'],
        },
      });
      expect(monitor.status).to.equal('DEGRADED');
    });

    it('publishes nothing while the status holds', async () => {
      const { bus, monitor } = await setUp();
      await monitor.report(HEALTHY_METRICS);
      await monitor.report(CRITICAL_METRICS);
      await monitor.report(CRITICAL_METRICS);
      sinon.assert.calledOnce(bus.publish);
    });

    it('publishes each change of a day in order', async () => {
      const { bus, monitor } = await setUp();
      for (const metrics of [DEGRADED_METRICS, CRITICAL_METRICS, HEALTHY_METRICS])
        await monitor.report(metrics);
      const statuses = bus.publish
        .getCalls()
        .map((call) => call.args[0].payload as { previousStatus: string; status: string });
      expect(statuses.map((payload) => `${payload.previousStatus}->${payload.status}`)).to.deep.equal([
        'HEALTHY->DEGRADED',
        'DEGRADED->CRITICAL',
        'CRITICAL->HEALTHY',
      ]);
    });

    it('keeps the old status when publishing fails, so the next report publishes the change again', async () => {
      const { bus, monitor } = await setUp();
      bus.publish.onFirstCall().rejects(new Error('bus closed'));
      await monitor.report(CRITICAL_METRICS).then(
        () => expect.fail('report should reject'),
        (error: Error) => expect(error.message).to.equal('bus closed'),
      );
      expect(monitor.status).to.equal('HEALTHY');
      expect((await monitor.report(CRITICAL_METRICS)).changed).to.equal(true);
      sinon.assert.calledTwice(bus.publish);
    });
  });
});
