import type { EventBus, Event, SubscriptionStats } from '../core/index.js';

/** Default interface the inspector listens on: loopback only. */
export const DEFAULT_INSPECTOR_HOST = '127.0.0.1';
/** Default port: 0, any free port (read the chosen one from {@link InspectorHandle.url}). */
export const DEFAULT_INSPECTOR_PORT = 0;
/** Default number of latest events kept for the page. */
export const DEFAULT_EVENT_BUFFER_SIZE = 1000;
/** Default number of latest handler durations kept per subscription for p50/p99. */
export const DEFAULT_DURATION_SAMPLES = 1024;
/** Default rate up to which every event is recorded and every delivery timed, in events per second. */
export const DEFAULT_RECORD_PER_SECOND = 1000;
/** Default span of the events-per-second chart, in seconds. */
export const DEFAULT_RATE_WINDOW_SECONDS = 300;
/** Default interval between two live updates sent to open pages, in milliseconds. */
export const DEFAULT_UPDATE_INTERVAL_MS = 250;

/** The part of an {@link EventBus} the inspector uses; any bus of this package fits. */
export type InspectableBus = Pick<
  EventBus,
  'instrument' | 'stats' | 'listDeadLetters' | 'replayDeadLetter' | 'discardDeadLetter'
>;

/** Where a subscription's handler lives, shown next to its name. */
export interface SubscriptionDescription {
  /** The class, e.g. `PolicyStore`. */
  readonly service?: string;
  /** The method, e.g. `onPolicyUpdated`. */
  readonly method?: string;
}

/** Options of {@link startInspector}. Every field is optional. */
export interface InspectorOptions {
  /**
   * Interface to listen on. Anything but a loopback address exposes the page to the network: keep
   * the token on and list the names clients use in `allowedHosts`.
   * @defaultValue `'127.0.0.1'`
   */
  readonly host?: string;
  /** Port to listen on; 0 picks any free port. @defaultValue `0` */
  readonly port?: number;
  /**
   * The secret every request must carry (in the URL once, then in an HttpOnly cookie, or as
   * `Authorization: Bearer <token>`). `false` turns the check off; refused unless `host` is loopback.
   * @defaultValue a new random 192-bit token
   */
  readonly token?: string | false;
  /**
   * Host names accepted in the `Host` header besides `localhost` and IP addresses (for a reverse
   * proxy or a name on the network). Anything else is refused, which defeats DNS rebinding.
   * @defaultValue none
   */
  readonly allowedHosts?: readonly string[];
  /**
   * Applied to every event before any part of it leaves the process (lists, details, dead letters,
   * live updates); return a copy with sensitive payload fields or headers hidden (the page shows its
   * `payload` and `headers`; ids, type and time come from the event). If it throws, the payload and headers
   * are withheld.
   * @defaultValue the event unchanged
   */
  readonly redact?: (event: Event) => Event;
  /**
   * Names the service and method of a subscription.
   * @defaultValue splits names of the form `ClassName.methodName` (what the inversify scanner gives `@OnEvent` handlers)
   */
  readonly describeSubscription?: (subscription: SubscriptionStats) => SubscriptionDescription | undefined;
  /** Latest events kept for the page (the older ones are forgotten). @defaultValue `1000` */
  readonly eventBufferSize?: number;
  /** Latest handler durations kept per subscription for p50 and p99. @defaultValue `1024` */
  readonly durationSamples?: number;
  /**
   * Events per second up to which the inspector records every event and times every delivery. Above
   * it, it keeps an evenly spaced sample of about this many events per second, times as many deliveries
   * per subscription, and the page says so; failures are always all recorded. This keeps its cost
   * on a busy bus to a few percent.
   * @defaultValue `1000`
   */
  readonly recordPerSecond?: number;
  /** Seconds covered by the events-per-second chart. @defaultValue `300` */
  readonly rateWindowSeconds?: number;
  /** Milliseconds between two live updates pushed to open pages. @defaultValue `250` */
  readonly updateIntervalMs?: number;
  /** Shown in the page header and title. @defaultValue `'EventBus Inspector'` */
  readonly title?: string;
}

/** A running inspector. */
export interface InspectorHandle extends AsyncDisposable {
  /** The page's address, with the token as `?token=` (when on): open it once, the page keeps a cookie. */
  readonly url: string;
  /** The port listened on. */
  readonly port: number;
  /** The token requests must carry, or `undefined` when turned off. */
  readonly token: string | undefined;
  /**
   * Removes the hooks from the bus, ends live connections and stops the server; resolves once it is
   * closed. Calling it again is harmless.
   */
  close(): Promise<void>;
}
