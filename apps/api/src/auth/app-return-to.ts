/** Where the web app is served: a browser sign-in only ever comes back inside it. */
export const APP_PATH = '/app/';

/**
 * A path of the web app to come back to after signing in, as the web app's safeReturnTo rules
 * (a path, never `//host` or `https:`), and inside /app: anything else is the app's start page,
 * so the sign-in cannot be made to send someone to another site or to an API answer.
 */
export function appReturnTo(value: unknown): string {
  // A backslash, or a tab the browser would drop, could turn `/\evil` into `//evil`: refused outright.
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || /[\\\s]/.test(value)) return APP_PATH;
  // Resolved against a placeholder origin: dot segments are folded as the browser would fold them.
  const base = 'http://accord.invalid';
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return APP_PATH;
  }
  if (url.origin !== base || (url.pathname !== '/app' && !url.pathname.startsWith(APP_PATH))) return APP_PATH;
  return `${url.pathname}${url.search}${url.hash}`;
}
