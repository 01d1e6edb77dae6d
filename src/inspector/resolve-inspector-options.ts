import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { type Event, InvalidOptionsError, type SubscriptionStats } from '../core/index.js';
import {
  DEFAULT_DURATION_SAMPLES,
  DEFAULT_EVENT_BUFFER_SIZE,
  DEFAULT_INSPECTOR_HOST,
  DEFAULT_INSPECTOR_PORT,
  DEFAULT_RATE_WINDOW_SECONDS,
  DEFAULT_RECORD_PER_SECOND,
  DEFAULT_UPDATE_INTERVAL_MS,
  type InspectorOptions,
  type SubscriptionDescription,
} from './inspector-options.js';
import { describeSubscriptionByName } from './views/describe-subscription-by-name.js';

/** {@link InspectorOptions} validated, with every default filled in. */
export interface ResolvedInspectorOptions {
  readonly host: string;
  readonly port: number;
  readonly token: string | undefined;
  readonly allowedHosts: ReadonlySet<string>;
  readonly redact: ((event: Event) => Event) | undefined;
  readonly describeSubscription: (subscription: SubscriptionStats) => SubscriptionDescription | undefined;
  readonly eventBufferSize: number;
  readonly durationSamples: number;
  readonly rateWindowSeconds: number;
  readonly recordPerSecond: number;
  readonly updateIntervalMs: number;
  readonly title: string;
}

const TOKEN_BYTES = 24;
const DEFAULT_TITLE = 'EventBus Inspector';

/** True for `localhost` and loopback addresses (127.0.0.0/8, ::1, their IPv4-mapped forms). */
export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase();
  if (name === 'localhost' || name === '::1') return true;
  const v4 = name.startsWith('::ffff:') ? name.slice(7) : name;
  return isIP(v4) === 4 && v4.startsWith('127.');
}

function positiveInteger(name: string, value: number | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new InvalidOptionsError(name, `must be an integer from 1 to ${max}, got ${String(value)}`);
  }
  return value;
}

/** @throws {@link InvalidOptionsError} for a value out of range, or `token: false` on a non-loopback host. */
export function resolveInspectorOptions(options: InspectorOptions): ResolvedInspectorOptions {
  const host = options.host ?? DEFAULT_INSPECTOR_HOST;
  if (typeof host !== 'string' || host === '')
    throw new InvalidOptionsError('host', 'must be a non-empty string');
  const port = options.port ?? DEFAULT_INSPECTOR_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new InvalidOptionsError('port', `must be an integer from 0 to 65535, got ${String(port)}`);
  }
  let token: string | undefined;
  if (options.token === false) {
    if (!isLoopbackHost(host)) {
      throw new InvalidOptionsError(
        'token',
        `cannot be false while listening on "${host}", which is not a loopback address: anyone who can ` +
          'reach it could read payloads and replay letters; keep the token or listen on 127.0.0.1',
      );
    }
  } else if (options.token === undefined) {
    token = randomBytes(TOKEN_BYTES).toString('base64url');
  } else if (typeof options.token === 'string' && options.token.length > 0) {
    token = options.token;
  } else {
    throw new InvalidOptionsError('token', 'must be a non-empty string, false, or left out for a random one');
  }
  return {
    host,
    port,
    token,
    allowedHosts: new Set((options.allowedHosts ?? []).map((name) => name.toLowerCase())),
    redact: options.redact,
    describeSubscription: options.describeSubscription ?? describeSubscriptionByName,
    eventBufferSize: positiveInteger(
      'eventBufferSize',
      options.eventBufferSize,
      DEFAULT_EVENT_BUFFER_SIZE,
      1_000_000,
    ),
    durationSamples: positiveInteger(
      'durationSamples',
      options.durationSamples,
      DEFAULT_DURATION_SAMPLES,
      1_000_000,
    ),
    rateWindowSeconds: positiveInteger(
      'rateWindowSeconds',
      options.rateWindowSeconds,
      DEFAULT_RATE_WINDOW_SECONDS,
      86_400,
    ),
    recordPerSecond: positiveInteger(
      'recordPerSecond',
      options.recordPerSecond,
      DEFAULT_RECORD_PER_SECOND,
      100_000_000,
    ),
    updateIntervalMs: positiveInteger(
      'updateIntervalMs',
      options.updateIntervalMs,
      DEFAULT_UPDATE_INTERVAL_MS,
      60_000,
    ),
    title: options.title ?? DEFAULT_TITLE,
  };
}
