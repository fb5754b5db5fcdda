import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema.gen';

/** The header every request of the app carries: the API's CSRF check for cookie sessions. */
const CSRF_HEADER = 'x-accord-request';

type UnauthenticatedHandler = () => void;
let onUnauthenticated: UnauthenticatedHandler = () => undefined;

/** The auth provider decides what a 401 means (back to sign-in, keeping where the person was). */
export function setUnauthenticatedHandler(handler: UnauthenticatedHandler): void {
  onUnauthenticated = handler;
}

const session: Middleware = {
  onRequest({ request }) {
    request.headers.set(CSRF_HEADER, '1');
    return request;
  },
  onResponse({ request, response }) {
    // Asking who is signed in answers 401 when nobody is: that is not a session that ended.
    if (response.status === 401 && !new URL(request.url).pathname.startsWith('/auth/')) onUnauthenticated();
    return response;
  },
};

/** The typed API client: same origin, the session travels in its HttpOnly cookie. */
export const api = createClient<paths>({ baseUrl: window.location.origin, credentials: 'same-origin' });
api.use(session);
