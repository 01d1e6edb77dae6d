import type { Redis } from 'ioredis';
import type { DeadLetter, DeliveryFailure, EventClass, Logger } from '../../core/index.js';
import type { MalformedEntry } from './malformed-entry.js';

/** Default key prefix of every Redis key the bus uses. */
export const DEFAULT_KEY_PREFIX = 'eventbus';
/** Default longest time one blocking read waits for new entries, in milliseconds. */
export const DEFAULT_BLOCK_MS = 2_000;
/** Default time an entry may stay unacknowledged by a silent consumer before another claims it, in milliseconds. */
export const DEFAULT_CLAIM_IDLE_MS = 30_000;
/** Default number of deliveries of one entry before it is dead-lettered without running again. */
export const DEFAULT_MAX_DELIVERIES = 5;
/** Default approximate length each event stream is trimmed to. */
export const DEFAULT_MAX_STREAM_LENGTH = 100_000;
/** Default number of entries one subscription holds read but unfinished. */
export const DEFAULT_PREFETCH = 100;
/** Default interval at which wildcard subscriptions look for new event types, in milliseconds. */
export const DEFAULT_TYPE_REFRESH_MS = 1_000;

/** Options of {@link RedisStreamsEventBus}. `connection` and `group` are required. */
export interface RedisStreamsEventBusOptions {
  /**
   * A `redis://` URL (the bus opens and closes its own connections) or an ioredis client (the bus
   * uses it for commands, duplicates it for blocking reads, and leaves it open on `stop()`).
   * The client must use RESP2, ioredis's default.
   */
  readonly connection: string | Redis;
  /**
   * The consumer group of this service. Each subscription reads through its own group
   * `<group>:<subscription name>`: every service gets each event once, and the processes of one
   * service share the work.
   */
  readonly group: string;
  /** This process's name within the groups. @defaultValue `<hostname>:<pid>` */
  readonly consumer?: string;
  /** Prefix of every key. Buses that should see each other's events share it. @defaultValue 'eventbus' */
  readonly keyPrefix?: string;
  /** Longest time one blocking read waits before the reader checks for idle entries and new types. @defaultValue 2_000 */
  readonly blockMs?: number;
  /**
   * An entry left unacknowledged this long by a consumer that stopped answering is claimed by
   * another (`XAUTOCLAIM`). Live consumers refresh their running entries, so a slow handler is not
   * claimed from under them. @defaultValue 30_000
   */
  readonly claimIdleMs?: number;
  /**
   * Deliveries of one entry (first, re-reads and claims) after which it is dead-lettered without
   * running again: protection against entries that crash or hang their consumers. @defaultValue 5
   */
  readonly maxDeliveries?: number;
  /**
   * Each event stream is trimmed to about this many entries on publish (`XADD MAXLEN ~`); `Infinity`
   * never trims. Trimming drops entries even if a slow group has not read them: keep it above the
   * largest backlog you expect. @defaultValue 100_000
   */
  readonly maxStreamLength?: number;
  /** Entries one subscription holds read but unfinished; bounds redeliveries after a crash. @defaultValue 100 */
  readonly prefetch?: number;
  /** How often wildcard subscriptions look for new event types. @defaultValue 1_000 */
  readonly typeRefreshMs?: number;
  /** Event classes whose decoded events become instances again (class selectors are added by `subscribe()`). @defaultValue none */
  readonly eventClasses?: readonly EventClass[];
  /** Most handlers running at once across all subscriptions. @defaultValue `Infinity` */
  readonly concurrency?: number;
  /** Where failures and connection problems are logged; a pino logger fits. @defaultValue `consoleLogger` */
  readonly logger?: Logger;
  /** Called for every failed attempt, retried or not. A hook that throws is logged and ignored. @defaultValue none */
  readonly onError?: (failure: DeliveryFailure) => void;
  /** Called after each dead letter is stored in the dead-letter stream. @defaultValue none */
  readonly onDeadLetter?: (letter: DeadLetter) => void;
  /** Called after a malformed entry is moved to the dead-letter stream. @defaultValue none */
  readonly onMalformedEntry?: (entry: MalformedEntry) => void;
}
