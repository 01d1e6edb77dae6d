// Routes of the inspector's server. Every request passes the guard first (Host, then token); the
// two actions (replay, purge) are POST-only and refuse cross-origin requests.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { EventBusError } from '../../core/index.js';
import type { InspectorViews } from '../views/inspector-views.js';
import type { LiveUpdates } from './live-updates.js';
import type { PageAsset } from './page-assets.js';
import { findToken, type GuardSettings, isAllowedHost, isSameOrigin, tokenCookie } from './request-guard.js';
import { SECURITY_HEADERS } from './security-headers.js';

/** What the router serves from. */
export interface RouterContext {
  readonly views: InspectorViews;
  readonly live: LiveUpdates;
  readonly assets: ReadonlyMap<string, PageAsset>;
  /** Read per request: the cookie name depends on the port, known once listening. */
  readonly guard: () => GuardSettings;
}

/** Events `GET /api/events` returns without a `limit` (the newest). */
const DEFAULT_EVENTS_LIMIT = 1000;
const DEAD_LETTER_ACTION = /^\/api\/dead-letters\/([^/]+)\/(replay|purge)$/;
const EVENT_DETAIL = /^\/api\/events\/([^/]+)$/;
const CAUSAL_TREE = /^\/api\/correlations\/([^/]+)$/;
const ASSET = /^\/assets\/([a-z-]+\.[a-z]+)$/;

function send(response: ServerResponse, status: number, body: string | Buffer, contentType: string): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': contentType }).end(body);
}

function sendJson(response: ServerResponse, status: number, data: unknown): void {
  send(response, status, JSON.stringify(data), 'application/json; charset=utf-8');
}

function refuse(response: ServerResponse, status: number, error: string, message: string): void {
  sendJson(response, status, { error, message });
}

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** Handles one request; never throws (a failure becomes a 500 without details). */
export function createInspectorRouter(context: RouterContext) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    route(context, request, response).catch(() => {
      if (!response.headersSent) refuse(response, 500, 'internal', 'The inspector failed to answer.');
      else response.destroy();
    });
  };
}

async function route(
  context: RouterContext,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const guard = context.guard();
  if (!isAllowedHost(request.headers.host, guard.allowedHosts)) {
    refuse(
      response,
      403,
      'forbidden_host',
      'This Host is not allowed; open the inspector by the URL it printed.',
    );
    return;
  }
  const url = new URL(request.url ?? '/', 'http://inspector.invalid');
  const source = findToken(request, url, guard);
  if (source === undefined) {
    refuse(response, 401, 'unauthorized', 'A valid token is required; open the URL the inspector printed.');
    return;
  }
  const path = url.pathname;
  const method = request.method ?? 'GET';
  if (method === 'POST') {
    await routeAction(context, request, response, path);
    return;
  }
  if (method !== 'GET') {
    refuse(response, 405, 'method_not_allowed', `${method} is not supported here.`);
    return;
  }
  if (path === '/') {
    if (source === 'query' && guard.token !== undefined) {
      // Trade the token in the URL for a cookie, and drop it from the address bar and history.
      response.writeHead(303, {
        ...SECURITY_HEADERS,
        Location: '/',
        'Set-Cookie': tokenCookie(guard, guard.token),
      });
      response.end();
      return;
    }
    const page = context.assets.get('index.html') as PageAsset;
    send(response, 200, page.body, page.contentType);
    return;
  }
  await routeRead(context, url, response);
}

async function routeRead(context: RouterContext, url: URL, response: ServerResponse): Promise<void> {
  const { views } = context;
  const path = url.pathname;
  const asset = ASSET.exec(path)?.[1];
  if (asset !== undefined && context.assets.has(asset) && asset !== 'index.html') {
    const file = context.assets.get(asset) as PageAsset;
    send(response, 200, file.body, file.contentType);
    return;
  }
  if (path === '/api/overview') return sendJson(response, 200, views.overview());
  if (path === '/api/subscriptions') return sendJson(response, 200, { subscriptions: views.subscriptions() });
  if (path === '/api/dead-letters') return sendJson(response, 200, await views.deadLetters());
  if (path === '/api/stream') return context.live.connect(response);
  if (path === '/api/events') {
    const type = url.searchParams.get('type') || undefined;
    const correlationId = url.searchParams.get('correlationId') || undefined;
    const limit = Number(url.searchParams.get('limit') ?? DEFAULT_EVENTS_LIMIT);
    const events = views.events({
      ...(type === undefined ? {} : { type }),
      ...(correlationId === undefined ? {} : { correlationId }),
      limit: Number.isInteger(limit) && limit > 0 ? limit : DEFAULT_EVENTS_LIMIT,
    });
    return sendJson(response, 200, {
      events,
      total: views.recorder.events.total,
      bufferSize: views.recorder.events.capacity,
      sampleEvery: views.recorder.sampleEvery,
    });
  }
  const eventId = decode(EVENT_DETAIL.exec(path)?.[1] ?? '');
  if (eventId) {
    const detail = views.event(eventId);
    if (detail === undefined)
      return refuse(response, 404, 'not_found', `No event "${eventId}" in the buffer.`);
    return sendJson(response, 200, detail);
  }
  const correlationId = decode(CAUSAL_TREE.exec(path)?.[1] ?? '');
  if (correlationId) return sendJson(response, 200, views.causalTree(correlationId));
  refuse(response, 404, 'not_found', `Nothing at ${path}.`);
}

async function routeAction(
  context: RouterContext,
  request: IncomingMessage,
  response: ServerResponse,
  path: string,
): Promise<void> {
  request.resume();
  if (!isSameOrigin(request)) {
    refuse(response, 403, 'cross_origin', 'Actions are accepted only from the inspector page itself.');
    return;
  }
  const match = DEAD_LETTER_ACTION.exec(path);
  const id = decode(match?.[1] ?? '');
  if (match === null || !id) {
    refuse(response, 404, 'not_found', `No action at ${path}.`);
    return;
  }
  const { bus } = context.views;
  if (match[2] === 'purge') {
    const purged = await bus.discardDeadLetter(id);
    context.live.deadLettersChanged();
    if (!purged) return refuse(response, 404, 'unknown_dead_letter', `No dead letter "${id}".`);
    return sendJson(response, 200, { purged: id });
  }
  try {
    await bus.replayDeadLetter(id);
  } catch (error) {
    context.live.deadLettersChanged();
    if (EventBusError.is(error)) {
      const status = error.code === 'EBUS_UNKNOWN_DEAD_LETTER' ? 404 : 409;
      return refuse(response, status, error.code, error.message);
    }
    throw error;
  }
  context.live.deadLettersChanged();
  sendJson(response, 202, { replayed: id });
}
