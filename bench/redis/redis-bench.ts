// Throughput and end-to-end latency of RedisStreamsEventBus against a private local redis-server,
// next to what redis-benchmark gets from the same server with XADD. Not a test: figures vary by machine.
import { execFile } from 'node:child_process';
import { cpus } from 'node:os';
import { promisify } from 'node:util';
import { createEvent, silentLogger } from '../../src/core/index.js';
import { EventCodec } from '../../src/redis/codec/event-codec.js';
import { RedisStreamsEventBus } from '../../src/redis/index.js';
import { startRedisServer } from '../../test/redis/support/redis-server.js';

const execute = promisify(execFile);

/** Options of {@link runRedisBenchmark}. */
export interface RedisBenchmarkOptions {
  /** Fewer events, for a quick look. @defaultValue false */
  readonly quick?: boolean;
}

/** One redis-benchmark run. */
export interface RedisBenchmarkFigure {
  readonly label: string;
  readonly opsPerSecond: number;
  readonly p50Ms: number | undefined;
}

/** Percentiles of a latency sample, in milliseconds. */
export interface LatencySummary {
  readonly samples: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

/** Everything one run measured. */
export interface RedisBenchmarkResult {
  readonly redisVersion: string;
  readonly node: string;
  readonly cpu: string;
  readonly events: number;
  readonly payloadBytes: number;
  readonly redisBenchmark: readonly RedisBenchmarkFigure[];
  /** `publish()` with `PUBLISH_WINDOW` calls in flight, one bus. */
  readonly publishPerSecond: number;
  /** From the first publish to the last handler call, a publisher and a consumer bus in one process. */
  readonly endToEndPerSecond: number;
  /** Publish call to handler call while the end-to-end run was loading the system. */
  readonly latencyUnderLoad: LatencySummary;
  /** Publish call to handler call, one event at a time. */
  readonly latencyOneAtATime: LatencySummary;
}

const PUBLISH_WINDOW = 256;

const aTrade = (index: number) =>
  createEvent('trade.executed', {
    orderId: `order-${index}`,
    symbol: 'BTCUSDT',
    side: 'BUY',
    quantity: 0.25,
    price: 64_000 + (index % 100),
    strategyId: 'mean-reversion-v3',
  });

function summarize(latencies: readonly number[]): LatencySummary {
  const sorted = [...latencies].sort((left, right) => left - right);
  const at = (fraction: number): number =>
    sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? 0;
  return { samples: sorted.length, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: sorted.at(-1) ?? 0 };
}

/** The JSON the bus writes for a typical event, so redis-benchmark appends entries of the same size. */
function encodedBody(): string {
  const fields = new EventCodec().encode(aTrade(0));
  return fields[fields.indexOf('event') + 1] ?? '';
}

async function redisBenchmark(port: number, count: number, body: string): Promise<RedisBenchmarkFigure[]> {
  const configs: readonly [string, string[]][] = [
    ['1 client, no pipelining', ['-c', '1']],
    ['1 client, pipeline 32', ['-c', '1', '-P', '32']],
    ['50 clients (its default)', ['-c', '50']],
  ];
  const figures: RedisBenchmarkFigure[] = [];
  for (const [label, args] of configs) {
    const { stdout } = await execute('redis-benchmark', [
      ...['-h', '127.0.0.1', '-p', String(port), '-n', String(count), '-q', ...args],
      ...['XADD', 'bench:redis-benchmark', 'MAXLEN', '~', '100000', '*', 'v', '1', 'event', body],
    ]);
    const line = stdout.split(/\r|\n/).find((candidate) => candidate.includes('requests per second')) ?? '';
    const perSecond = /([\d.]+) requests per second/.exec(line)?.[1];
    const p50 = /p50=([\d.]+) msec/.exec(line)?.[1];
    figures.push({
      label,
      opsPerSecond: Number(perSecond),
      p50Ms: p50 === undefined ? undefined : Number(p50),
    });
  }
  return figures;
}

async function publishAll(
  bus: RedisStreamsEventBus,
  count: number,
  sentAt?: Map<string, number>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const event = aTrade(next++);
      sentAt?.set(event.id, performance.now());
      await bus.publish(event);
    }
  };
  await Promise.all(Array.from({ length: PUBLISH_WINDOW }, worker));
}

async function measurePublish(url: string, count: number): Promise<number> {
  const bus = new RedisStreamsEventBus({
    connection: url,
    group: 'publisher',
    keyPrefix: 'bench-publish',
    logger: silentLogger,
  });
  await bus.publish(aTrade(-1));
  const started = performance.now();
  await publishAll(bus, count);
  const perSecond = count / ((performance.now() - started) / 1000);
  await bus.stop();
  return perSecond;
}

async function measureEndToEnd(
  url: string,
  count: number,
): Promise<{ perSecond: number; latency: LatencySummary }> {
  const keyPrefix = 'bench-e2e';
  const publisher = new RedisStreamsEventBus({
    connection: url,
    group: 'publisher',
    keyPrefix,
    logger: silentLogger,
  });
  const consumer = new RedisStreamsEventBus({
    connection: url,
    group: 'consumer',
    keyPrefix,
    prefetch: 500,
    logger: silentLogger,
  });
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let finish: () => void = () => undefined;
  const allHandled = new Promise<void>((resolve) => (finish = resolve));
  consumer.subscribe(
    'trade.executed',
    (event) => {
      latencies.push(performance.now() - (sentAt.get(event.id) ?? Number.NaN));
      if (latencies.length === count) finish();
    },
    { name: 'handler' },
  );
  consumer.start();
  await consumer.ready();
  const started = performance.now();
  await publishAll(publisher, count, sentAt);
  await allHandled;
  const perSecond = count / ((performance.now() - started) / 1000);
  await Promise.all([publisher.stop(), consumer.stop()]);
  return { perSecond, latency: summarize(latencies) };
}

async function measureOneAtATime(url: string, count: number): Promise<LatencySummary> {
  const keyPrefix = 'bench-latency';
  const publisher = new RedisStreamsEventBus({
    connection: url,
    group: 'publisher',
    keyPrefix,
    logger: silentLogger,
  });
  const consumer = new RedisStreamsEventBus({
    connection: url,
    group: 'consumer',
    keyPrefix,
    logger: silentLogger,
  });
  let handled: () => void = () => undefined;
  consumer.subscribe('trade.executed', () => handled(), { name: 'handler' });
  consumer.start();
  await consumer.ready();
  const latencies: number[] = [];
  for (let index = 0; index < count; index += 1) {
    const arrived = new Promise<number>((resolve) => (handled = () => resolve(performance.now())));
    const started = performance.now();
    await publisher.publish(aTrade(index));
    latencies.push((await arrived) - started);
  }
  await Promise.all([publisher.stop(), consumer.stop()]);
  return summarize(latencies);
}

/** Starts a private redis-server, measures, stops it. @throws if redis-server or redis-benchmark is missing. */
export async function runRedisBenchmark(options: RedisBenchmarkOptions = {}): Promise<RedisBenchmarkResult> {
  const events = options.quick === true ? 5_000 : 50_000;
  const latencySamples = options.quick === true ? 300 : 2_000;
  const server = await startRedisServer();
  try {
    const redisVersion = /redis_version:(\S+)/.exec(await server.client().info('server'))?.[1] ?? 'unknown';
    const body = encodedBody();
    const redisFigures = await redisBenchmark(server.port, events, body);
    const publishPerSecond = await measurePublish(server.url, events);
    const endToEnd = await measureEndToEnd(server.url, events);
    const latencyOneAtATime = await measureOneAtATime(server.url, latencySamples);
    return {
      redisVersion,
      node: process.version,
      cpu: `${cpus().length} x ${cpus()[0]?.model ?? 'unknown'}`,
      events,
      payloadBytes: body.length,
      redisBenchmark: redisFigures,
      publishPerSecond,
      endToEndPerSecond: endToEnd.perSecond,
      latencyUnderLoad: endToEnd.latency,
      latencyOneAtATime,
    };
  } finally {
    await server.stop();
  }
}

const perSecondText = (perSecond: number): string => `${Math.round(perSecond).toLocaleString('en-US')}/s`;
const msText = (value: number | undefined): string =>
  value === undefined ? 'n/a' : `${value.toFixed(2)} ms`;

/** The result as a Markdown section. */
export function renderRedisBenchmark(result: RedisBenchmarkResult): string {
  const pipelined = result.redisBenchmark.find((figure) => figure.label.includes('pipeline'));
  const share =
    pipelined === undefined
      ? ''
      : ` (${Math.round((result.publishPerSecond / pipelined.opsPerSecond) * 100)}% of pipelined XADD)`;
  const { latencyUnderLoad: loaded, latencyOneAtATime: single } = result;
  return [
    `Redis ${result.redisVersion}, Node ${result.node}, ${result.cpu}; redis-server, redis-benchmark and the buses share the machine.`,
    `${result.events.toLocaleString('en-US')} events, ${result.payloadBytes} bytes of JSON each.`,
    '',
    '| measurement | throughput | latency |',
    '|---|---:|---:|',
    ...result.redisBenchmark.map(
      (figure) =>
        `| redis-benchmark XADD, ${figure.label} | ${perSecondText(figure.opsPerSecond)} | p50 ${msText(figure.p50Ms)} |`,
    ),
    `| bus \`publish()\`, ${PUBLISH_WINDOW} in flight on one connection | ${perSecondText(result.publishPerSecond)}${share} | |`,
    `| bus publish → handler, end to end (publisher and consumer bus in one process) | ${perSecondText(result.endToEndPerSecond)} | p50 ${msText(loaded.p50Ms)}, p99 ${msText(loaded.p99Ms)} at that load |`,
    `| bus publish → handler, one event at a time (${single.samples} samples) | | p50 ${msText(single.p50Ms)}, p99 ${msText(single.p99Ms)}, max ${msText(single.maxMs)} |`,
  ].join('\n');
}
