import type { Request } from 'express';

/** The cookie that carries a browser's session: a bearer token (a local one, or the identity provider's), out of reach of scripts (HttpOnly). */
export const SESSION_COOKIE = 'accord_session';

/**
 * The header the web app sends with every request. A page on another origin cannot add a
 * custom header without a CORS preflight this API never grants, so a state-changing request
 * that carries it was sent by our own app: the CSRF check for cookie sessions.
 */
export const CSRF_HEADER = 'x-accord-request';

/** Methods that change nothing, so a cookie alone may authenticate them. */
export const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Twelve hours, as `accord token` mints by default. */
export const SESSION_SECONDS = 12 * 60 * 60;

/** The value of one cookie of a request (express parses no cookies without a middleware we do not need). */
export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const pair of header.split(';')) {
    const at = pair.indexOf('=');
    if (at < 0 || pair.slice(0, at).trim() !== name) continue;
    const value = pair.slice(at + 1).trim();
    try {
      return decodeURIComponent(value);
    } catch {
      // A malformed escape is no session: treat it as absent, the guard then answers 401.
      return undefined;
    }
  }
  return undefined;
}

/** The token a request presents: the Authorization bearer header first, else the session cookie. */
export function credentialOf(request: Request): { token: string; via: 'bearer' | 'cookie' } | undefined {
  const match = request.headers.authorization?.match(/^Bearer\s+(\S+)$/i);
  if (match) return { token: match[1], via: 'bearer' };
  const cookie = readCookie(request, SESSION_COOKIE);
  return cookie ? { token: cookie, via: 'cookie' } : undefined;
}

/** True when the request carries the web app's CSRF header. */
export function hasCsrfHeader(request: Request): boolean {
  return typeof request.headers[CSRF_HEADER] === 'string';
}
