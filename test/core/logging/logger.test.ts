import { expect } from 'chai';
import { Writable } from 'node:stream';
import pino from 'pino';
import sinon from 'sinon';
import { consoleLogger, createEvent, InMemoryEventBus, silentLogger } from '../../../src/core/index.js';

describe('Logger', () => {
  it('accepts a pino logger as is and writes handler failures to it with the error and the event', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    });
    const bus = new InMemoryEventBus({ logger: pino(sink) });
    bus.subscribe('trade.executed', function notifyDesk() {
      throw new Error('desk offline');
    });
    bus.start();
    const event = createEvent('trade.executed', {});
    await bus.publish(event);
    await bus.drain();
    await bus.stop();
    const [line] = lines.filter((entry) => entry['subscription'] === 'notifyDesk');
    expect(line).to.include({ level: 50, eventId: event.id, eventType: 'trade.executed' });
    expect(line!['msg']).to.contain('dead-lettering');
    expect((line!['err'] as { message: string; stack: string }).message).to.equal('desk offline');
    expect((line!['err'] as { stack: string }).stack).to.contain('notifyDesk');
  });

  describe('consoleLogger', () => {
    it('writes errors and warnings to the console and drops info and debug', () => {
      const error = sinon.stub(console, 'error');
      const warn = sinon.stub(console, 'warn');
      try {
        consoleLogger.error({ eventId: 'e1' }, 'failed');
        consoleLogger.warn({ eventId: 'e2' }, 'retrying');
        consoleLogger.info({}, 'ignored');
        consoleLogger.debug({}, 'ignored');
        sinon.assert.calledOnceWithExactly(error, '[eventbus] error: failed', { eventId: 'e1' });
        sinon.assert.calledOnceWithExactly(warn, '[eventbus] warn: retrying', { eventId: 'e2' });
      } finally {
        error.restore();
        warn.restore();
      }
    });
  });

  describe('silentLogger', () => {
    it('writes nothing', () => {
      const error = sinon.stub(console, 'error');
      try {
        silentLogger.error({}, 'nothing');
        expect(error.called).to.equal(false);
      } finally {
        error.restore();
      }
    });
  });
});
