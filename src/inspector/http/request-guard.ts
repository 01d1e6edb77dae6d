// The inspector's access rules (Jupyter's model): the Host header must name this machine, every
// request carries the token, and state-changing requests must come from the page itself.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/** How requests are checked. */
export interface GuardSettings {
  /** `undefined` when the token check is turned off. */
  readonly token: string | undefined;
  readonly cookieName: string;
  /** Lower-case host names accepted besides `localhost` and IP addresses. */
  readonly allowedHosts: ReadonlySet<string>;
}

/** Where a valid token was found, or `undefined` if none was. */
export type TokenSource = 'header' | 'cookie' | 'query' | 'disabled' | undefined;

/** The host name of a `Host` header, lower case, without port or IPv6 brackets. */
export function hostName(hostHeader: string): string {
  const host = hostHeader.trim().toLowerCase();
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']') === -1 ? undefined : host.indexOf(']'));
  const colon = host.lastIndexOf(':');
  return colon === -1 ? host : host.slice(0, colon);
}

/**
 * True when the `Host` header names this machine: `localhost`, an IP address (a browser sends one
 * only when the user typed it, so it cannot come from DNS rebinding), or an allowed name.
 */
export function isAllowedHost(hostHeader: string | undefined, allowedHosts: ReadonlySet<string>): boolean {
  if (hostHeader === undefined || hostHeader === '') return false;
  const name = hostName(hostHeader);
  return name === 'localhost' || isIP(name) !== 0 || allowedHosts.has(name);
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** Compares in constant time, so response times do not reveal how much of a guess was right. */
export function tokensMatch(candidate: string, token: string): boolean {
  return timingSafeEqual(digest(candidate), digest(token));
}

/** The value of cookie `name` in a `Cookie` header. */
export function readCookie(cookieHeader: string | undefined, name: string): string | undefined {
  if (cookieHeader === undefined) return undefined;
  for (const part of cookieHeader.split(';')) {
    const separator = part.indexOf('=');
    if (separator !== -1 && part.slice(0, separator).trim() === name) {
      try {
        return decodeURIComponent(part.slice(separator + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** Finds a valid token in the `Authorization: Bearer` header, the cookie or the `token` query parameter. */
export function findToken(request: IncomingMessage, url: URL, settings: GuardSettings): TokenSource {
  const { token } = settings;
  if (token === undefined) return 'disabled';
  const authorization = request.headers.authorization;
  if (authorization?.startsWith('Bearer ') && tokensMatch(authorization.slice(7).trim(), token))
    return 'header';
  const cookie = readCookie(request.headers.cookie, settings.cookieName);
  if (cookie !== undefined && tokensMatch(cookie, token)) return 'cookie';
  const query = url.searchParams.get('token');
  if (query !== null && tokensMatch(query, token)) return 'query';
  return undefined;
}

/**
 * True unless the request says it comes from another site: a `Sec-Fetch-Site` other than
 * `same-origin`, or an `Origin` that is not this server as named by the `Host` header. Clients that
 * send neither (curl, scripts) pass; they still need the token.
 */
export function isSameOrigin(request: IncomingMessage): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return false;
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  const host = request.headers.host;
  return host !== undefined && origin.toLowerCase() === `http://${host.toLowerCase()}`;
}

/** The cookie that keeps the token after the first visit: HttpOnly, SameSite=Strict, for the whole site. */
export function tokenCookie(settings: GuardSettings, token: string): string {
  return `${settings.cookieName}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Strict`;
}
