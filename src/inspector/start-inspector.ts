import { createServer, type Server } from 'node:http';
import { isIP } from 'node:net';
import { InvalidOptionsError } from '../core/index.js';
import { createInspectorRouter } from './http/inspector-router.js';
import { LiveUpdates } from './http/live-updates.js';
import { loadPageAssets } from './http/page-assets.js';
import type { GuardSettings } from './http/request-guard.js';
import type { InspectableBus, InspectorHandle, InspectorOptions } from './inspector-options.js';
import { InspectorRecorder } from './recorder/inspector-recorder.js';
import { resolveInspectorOptions } from './resolve-inspector-options.js';
import { InspectorViews } from './views/inspector-views.js';

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException): void => {
      reject(
        new InvalidOptionsError(
          'port',
          `cannot listen on ${host}:${port} (${error.code ?? error.message}); pick another port, or 0 for any free one`,
        ),
      );
    };
    server.once('error', failed);
    server.listen(port, host, () => {
      server.off('error', failed);
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    });
  });
}

/** The host part of the printed URL: wildcard addresses are shown as loopback, IPv6 in brackets. */
function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return isIP(host) === 6 ? `[${host}]` : host;
}

/**
 * Starts the live inspector of `bus`: a page, a JSON API and Server-Sent Events from an HTTP server,
 * on loopback by default. Resolves once it listens.
 *
 * Guarantees: attaching changes nothing about delivery (the hooks only record, in O(1), into
 * fixed-size buffers; a hook never throws into the bus); memory stays bounded by
 * `eventBufferSize`, `durationSamples` and `rateWindowSeconds` whatever the event rate; above
 * `recordPerSecond` events per second it records a sample of events and handler times (every
 * failure still), so its cost stays flat however busy the bus; every
 * request needs the token and a `Host` naming this machine; replay and purge are POST-only and refuse
 * cross-origin requests; every event passes through `redact` before it leaves the process, and the page
 * renders payloads as text only.
 *
 * @throws {@link InvalidOptionsError} for a bad option, `token: false` on a non-loopback host, or a port that cannot be listened on.
 *
 * @example
 * ```ts
 * const inspector = await startInspector(bus, { title: 'Quantum Trader' });
 * console.log(`Inspector: ${inspector.url}`);
 * // ...
 * await inspector.close();
 * ```
 */
export async function startInspector(
  bus: InspectableBus,
  options: InspectorOptions = {},
): Promise<InspectorHandle> {
  const resolved = resolveInspectorOptions(options);
  const assets = await loadPageAssets();
  const recorder = new InspectorRecorder(resolved, () => bus.stats().published);
  const views = new InspectorViews(bus, recorder, resolved);
  const live = new LiveUpdates(views, resolved.updateIntervalMs);
  let guard: GuardSettings = {
    token: resolved.token,
    cookieName: 'eventbus-inspector',
    allowedHosts: resolved.allowedHosts,
  };
  const server = createServer(createInspectorRouter({ views, live, assets, guard: () => guard }));
  const hooks = bus.instrument(recorder);
  recorder.startClock(() => hooks.resample());
  let port: number;
  try {
    port = await listen(server, resolved.port, resolved.host);
  } catch (error) {
    hooks[Symbol.dispose]();
    recorder.stopClock();
    throw error;
  }
  // Cookies are shared by every port of a host: name it after the port, so two inspectors coexist.
  guard = { ...guard, cookieName: `eventbus-inspector-${port}` };

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      hooks[Symbol.dispose]();
      recorder.stopClock();
      live.close();
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closing;
  };
  const query = resolved.token === undefined ? '' : `?token=${encodeURIComponent(resolved.token)}`;
  return {
    url: `http://${urlHost(resolved.host)}:${port}/${query}`,
    port,
    token: resolved.token,
    close,
    [Symbol.asyncDispose]: close,
  };
}
