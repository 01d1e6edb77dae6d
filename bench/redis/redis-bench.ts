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
  /** Publish call to handler call with events published at a steady `pacedRatePerSecond`. */
  readonly latencyPaced: LatencySummary;
  readonly pacedRatePerSecond: number;
  /** Publish call to handler call, one event at a time. */
  readonly latencyOneAtATime: LatencySummary;
}

const PUBLISH_WINDOW = 256;
/** A steady rate well below saturation, where latency is the transport's and not a queue's. */
const PACED_RATE_PER_SECOND = 2_000;

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

async function publishAll(bus: RedisStreamsEventBus, count: number): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) await bus.publish(aTrade(next++));
  };
  await Promise.all(Array.from({ length: PUBLISH_WINDOW }, worker));
}

/** A publisher bus and a consumer bus (own connections, one process) sharing a fresh key prefix. */
async function pair(url: string, keyPrefix: string, prefetch?: number) {
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
    prefetch,
    logger: silentLogger,
  });
  return { publisher, consumer, stop: () => Promise.all([publisher.stop(), consumer.stop()]) };
}

async function measurePublish(url: string, count: number): Promise<number> {
  const { publisher, stop } = await pair(url, 'bench-publish');
  await publisher.publish(aTrade(-1));
  const started = performance.now();
  await publishAll(publisher, count);
  const perSecond = count / ((performance.now() - started) / 1000);
  await stop();
  return perSecond;
}

async function measureEndToEnd(url: string, count: number): Promise<number> {
  const { publisher, consumer, stop } = await pair(url, 'bench-e2e', 500);
  let handled = 0;
  let finish: () => void = () => undefined;
  const allHandled = new Promise<void>((resolve) => (finish = resolve));
  consumer.subscribe('trade.executed', () => void (++handled === count && finish()), { name: 'handler' });
  consumer.start();
  await consumer.ready();
  const started = performance.now();
  await publishAll(publisher, count);
  await allHandled;
  const perSecond = count / ((performance.now() - started) / 1000);
  await stop();
  return perSecond;
}

async function measurePaced(url: string, durationMs: number): Promise<LatencySummary> {
  const { publisher, consumer, stop } = await pair(url, 'bench-paced');
  const count = Math.round((PACED_RATE_PER_SECOND * durationMs) / 1000);
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
  const publishing: Promise<void>[] = [];
  for (let index = 0; index < count; index += 1) {
    const due = started + (index * 1000) / PACED_RATE_PER_SECOND;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const event = aTrade(index);
    sentAt.set(event.id, performance.now());
    publishing.push(publisher.publish(event));
  }
  await Promise.all(publishing);
  await allHandled;
  await stop();
  return summarize(latencies);
}

async function measureOneAtATime(url: string, count: number): Promise<LatencySummary> {
  const { publisher, consumer, stop } = await pair(url, 'bench-latency');
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
  await stop();
  return summarize(latencies);
}

/** Starts a private redis-server, measures, stops it. @throws if redis-server or redis-benchmark is missing. */
export async function runRedisBenchmark(options: RedisBenchmarkOptions = {}): Promise<RedisBenchmarkResult> {
  const quick = options.quick === true;
  const events = quick ? 5_000 : 50_000;
  const server = await startRedisServer();
  try {
    const redisVersion = /redis_version:(\S+)/.exec(await server.client().info('server'))?.[1] ?? 'unknown';
    const body = encodedBody();
    const redisFigures = await redisBenchmark(server.port, events, body);
    const publishPerSecond = await measurePublish(server.url, events);
    const endToEndPerSecond = await measureEndToEnd(server.url, events);
    const latencyPaced = await measurePaced(server.url, quick ? 1_000 : 3_000);
    const latencyOneAtATime = await measureOneAtATime(server.url, quick ? 300 : 2_000);
    return {
      redisVersion,
      node: process.version,
      cpu: `${cpus().length} x ${cpus()[0]?.model ?? 'unknown'}`,
      events,
      payloadBytes: body.length,
      redisBenchmark: redisFigures,
      publishPerSecond,
      endToEndPerSecond,
      latencyPaced,
      pacedRatePerSecond: PACED_RATE_PER_SECOND,
      latencyOneAtATime,
    };
  } finally {
    await server.stop();
  }
}

const perSecondText = (perSecond: number): string => `${Math.round(perSecond).toLocaleString('en-US')}/s`;
const msText = (value: number | undefined): string =>
  value === undefined ? 'n/a' : `${value.toFixed(2)} ms`;
const percentiles = (summary: LatencySummary): string =>
  `p50 ${msText(summary.p50Ms)}, p99 ${msText(summary.p99Ms)}, max ${msText(summary.maxMs)}`;

/** The result as a Markdown section. */
export function renderRedisBenchmark(result: RedisBenchmarkResult): string {
  const pipelined = result.redisBenchmark.find((figure) => figure.label.includes('pipeline'));
  const share =
    pipelined === undefined
      ? ''
      : ` (${Math.round((result.publishPerSecond / pipelined.opsPerSecond) * 100)}% of pipelined XADD)`;
  return [
    `Redis ${result.redisVersion}, Node ${result.node}, ${result.cpu}; redis-server, redis-benchmark and the buses share the machine.`,
    `${result.events.toLocaleString('en-US')} events, ${result.payloadBytes} bytes of JSON each. Latency is from the \`publish()\` call to the handler call.`,
    '',
    '| measurement | throughput | latency |',
    '|---|---:|---:|',
    ...result.redisBenchmark.map(
      (figure) =>
        `| redis-benchmark XADD, ${figure.label} | ${perSecondText(figure.opsPerSecond)} | p50 ${msText(figure.p50Ms)} |`,
    ),
    `| bus \`publish()\`, ${PUBLISH_WINDOW} in flight on one connection | ${perSecondText(result.publishPerSecond)}${share} | |`,
    `| bus publish → handler, saturated (publisher and consumer bus in one process) | ${perSecondText(result.endToEndPerSecond)} | |`,
    `| bus publish → handler at a steady ${perSecondText(result.pacedRatePerSecond)} (${result.latencyPaced.samples} events) | | ${percentiles(result.latencyPaced)} |`,
    `| bus publish → handler, one event at a time (${result.latencyOneAtATime.samples} events) | | ${percentiles(result.latencyOneAtATime)} |`,
  ].join('\n');
}
