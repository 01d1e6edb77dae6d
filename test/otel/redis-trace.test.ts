import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SpanKind, trace } from '@opentelemetry/api';
import { expect } from 'chai';
import { createEvent, type Event, silentLogger } from '../../src/core/index.js';
import { instrumentEventBus } from '../../src/otel/index.js';
import { RedisStreamsEventBus } from '../../src/redis/index.js';
import { anOrderPlaced, type TestEvents } from '../core/test-events.js';
import { findRedisServer, type RedisServer, startRedisServer } from '../redis/support/redis-server.js';
import type { SpanRecord } from './fixtures/redis-fill-service.js';
import { Telemetry } from './telemetry-harness.js';

const FILL_SERVICE = fileURLToPath(new URL('./fixtures/redis-fill-service.ts', import.meta.url));
const DEADLINE_MS = 15_000;

/** Polls `condition` until it holds; fails after the deadline. */
async function eventually(what: string, condition: () => boolean): Promise<void> {
  const deadline = Date.now() + DEADLINE_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function nextMessage<TMessage>(child: ChildProcess, kind: string): Promise<TMessage> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { kind?: string }): void => {
      if (message.kind !== kind) return;
      child.off('message', onMessage);
      resolve(message as TMessage);
    };
    child.on('message', onMessage);
    child.once('exit', (code) =>
      reject(new Error(`the fill service exited (${String(code)}) before "${kind}"`)),
    );
  });
}

describe('instrumentEventBus() over RedisStreamsEventBus', function () {
  this.timeout(30_000);
  let redis: RedisServer;
  let telemetry: Telemetry;
  let orders: RedisStreamsEventBus<TestEvents> | undefined;
  let fillService: ChildProcess | undefined;

  before(async function () {
    if (findRedisServer() === undefined) {
      console.warn(
        '    SKIPPED: redis-server is not installed; the cross-process trace over Redis is NOT tested.',
      );
      this.skip();
    }
    redis = await startRedisServer();
  });

  after(async () => {
    await redis?.stop();
  });

  beforeEach(() => {
    telemetry = new Telemetry();
  });

  afterEach(async () => {
    fillService?.kill();
    await orders?.stop();
    await telemetry.shutdown();
  });

  it('continues one trace across two processes: publish -> Redis -> handler that re-publishes -> Redis -> handler', async () => {
    const keyPrefix = `otel-trace-${process.pid}`;
    fillService = fork(FILL_SERVICE, [redis.url, keyPrefix], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    await nextMessage(fillService, 'ready');
    orders = new RedisStreamsEventBus<TestEvents>({
      connection: redis.url,
      group: 'orders',
      keyPrefix,
      blockMs: 50,
      logger: silentLogger,
    });
    instrumentEventBus(orders, { tracerProvider: telemetry.tracerProvider });
    const filled: Event[] = [];
    orders.subscribe('order.filled', (event) => void filled.push(event), { name: 'record-fill' });
    orders.start();
    await orders.ready();

    await orders.publish(anOrderPlaced());
    await eventually('order.filled to come back', () =>
      telemetry.spans().some((span) => span.name === 'process order.filled'),
    );
    const remote = nextMessage<{ spans: SpanRecord[] }>(fillService, 'spans');
    fillService.send('finish');
    const { spans: fillSpans } = await remote;

    const publishPlaced = telemetry.span('publish order.placed');
    const processFilled = telemetry.span('process order.filled');
    const remoteSpan = (name: string): SpanRecord => {
      const found = fillSpans.filter((span) => span.name === name);
      expect(found, name).to.have.lengthOf(1);
      return found[0] as SpanRecord;
    };
    const processPlaced = remoteSpan('process order.placed');
    const publishFilled = remoteSpan('publish order.filled');

    const traceId = publishPlaced.spanContext().traceId;
    expect([processPlaced.traceId, publishFilled.traceId, processFilled.spanContext().traceId]).to.deep.equal(
      [traceId, traceId, traceId],
    );
    expect(processPlaced.kind).to.equal(SpanKind.CONSUMER);
    expect(processPlaced.parentSpanId).to.equal(publishPlaced.spanContext().spanId);
    expect(processPlaced.attributes['messaging.destination.subscription.name']).to.equal('fill-order');
    expect(publishFilled.kind).to.equal(SpanKind.PRODUCER);
    expect(publishFilled.parentSpanId).to.equal(processPlaced.spanId);
    expect(processFilled.parentSpanContext?.spanId).to.equal(publishFilled.spanId);
    expect(filled[0]?.headers?.['traceparent']).to.equal(`00-${traceId}-${publishFilled.spanId}-01`);
  });
  describe('without an SDK', () => {
    let producer: RedisStreamsEventBus<TestEvents> | undefined;
    let consumer: RedisStreamsEventBus<TestEvents> | undefined;

    /** Two buses on one stream in this process: one only publishes, one only consumes. */
    const buses = (): {
      producer: RedisStreamsEventBus<TestEvents>;
      consumer: RedisStreamsEventBus<TestEvents>;
    } => {
      const keyPrefix = `otel-no-sdk-${process.pid}-${Date.now()}`;
      const options = { connection: redis.url, keyPrefix, blockMs: 50, logger: silentLogger };
      producer = new RedisStreamsEventBus<TestEvents>({ ...options, group: 'producer' });
      consumer = new RedisStreamsEventBus<TestEvents>({ ...options, group: 'consumer' });
      return { producer, consumer };
    };

    beforeEach(() => {
      trace.disable();
    });

    afterEach(async () => {
      trace.disable();
      await producer?.stop();
      await consumer?.stop();
    });

    it('traces the deliveries of a consumer that never publishes once an SDK is registered', async () => {
      const { producer, consumer } = buses();
      instrumentEventBus(consumer);
      consumer.subscribe('order.placed', () => undefined, { name: 'record-order' });
      consumer.start();
      producer.start();
      await Promise.all([consumer.ready(), producer.ready()]);
      expect(trace.setGlobalTracerProvider(telemetry.tracerProvider)).to.equal(true);

      await producer.publish(anOrderPlaced());
      await eventually('the CONSUMER span', () => telemetry.spans().length > 0);

      expect(telemetry.spans().map((span) => [span.name, span.kind])).to.deep.equal([
        ['process order.placed', SpanKind.CONSUMER],
      ]);
    });

    it('passes the trace context of a consumed event on to the events its handler publishes', async () => {
      const { producer, consumer } = buses();
      instrumentEventBus(consumer);
      const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00';
      consumer.subscribe('order.placed', (event) =>
        consumer.publish(createEvent('order.filled', { orderId: event.payload.orderId, price: 1 })),
      );
      const filled: Event[] = [];
      consumer.subscribe('order.filled', (event) => void filled.push(event));
      consumer.start();
      producer.start();
      await Promise.all([consumer.ready(), producer.ready()]);

      await producer.publish(
        createEvent('order.placed', { orderId: 'o-remote', symbol: 'ETH' }, { headers: { traceparent } }),
      );
      await eventually('order.filled', () => filled.length > 0);

      expect(filled[0]?.headers).to.deep.equal({ traceparent });
    });
  });
});
