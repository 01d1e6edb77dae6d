import { expect } from 'chai';
import sinon from 'sinon';
import { silentLogger } from '../../../../src/core/index.js';
import {
  ALERTS_CHANNEL,
  createQuantumTraderContainer,
  DiscordNotifier,
  FakeDiscordClient,
} from '../../../../src/quantum-trader/index.js';
import { createTestContainer } from '../../../../src/testing/index.js';
import { aHealthStatusChanged } from '../../builders.js';

async function setUp() {
  const client = new FakeDiscordClient();
  const { container, bus } = await createTestContainer({
    container: createQuantumTraderContainer({ discordClient: client, logger: silentLogger }),
  });
  return { client, bus, notifier: container.get(DiscordNotifier) };
}

describe('DiscordNotifier', () => {
  describe('onHealthStatusChanged()', () => {
    it('is subscribed to health.status_changed, with retries, by the container scan', async () => {
      const { bus } = await setUp();
      sinon.assert.calledWithMatch(bus.subscribe, 'health.status_changed', sinon.match.func, {
        name: 'DiscordNotifier.onHealthStatusChanged',
        retry: { attempts: 3 },
      });
    });

    it('sends one alert to the alerts channel when the system goes CRITICAL, with the reasons', async () => {
      const { client, notifier } = await setUp();
      await notifier.onHealthStatusChanged(aHealthStatusChanged('CRITICAL', 'DEGRADED'));
      expect(client.messages).to.deep.equal([
        { channel: ALERTS_CHANNEL, content: '🚨 System health DEGRADED -> CRITICAL: test says CRITICAL' },
      ]);
    });

    it('sends nothing for HEALTHY or DEGRADED', async () => {
      const { client, notifier } = await setUp();
      await notifier.onHealthStatusChanged(aHealthStatusChanged('DEGRADED'));
      await notifier.onHealthStatusChanged(aHealthStatusChanged('HEALTHY', 'DEGRADED'));
      expect(client.messages).to.deep.equal([]);
    });

    it("rejects with the client's error, so the bus retries and dead-letters the alert", async () => {
      const { client, notifier } = await setUp();
      client.failWith(new Error('discord 503'));
      await notifier.onHealthStatusChanged(aHealthStatusChanged('CRITICAL')).then(
        () => expect.fail('the handler should reject'),
        (error: Error) => expect(error.message).to.equal('discord 503'),
      );
    });
  });
});

describe('FakeDiscordClient', () => {
  describe('send()', () => {
    it('keeps what it sends, and fails while told to', async () => {
      const client = new FakeDiscordClient();
      await client.send({ channel: '#a', content: 'one' });
      client.failWith(new Error('down'));
      await client.send({ channel: '#a', content: 'lost' }).catch(() => undefined);
      client.failWith(undefined);
      await client.send({ channel: '#a', content: 'two' });
      expect(client.messages.map((message) => message.content)).to.deep.equal(['one', 'two']);
    });
  });
});
