import { randomUUID } from 'node:crypto';

/** The header a request id arrives in (from a proxy or a caller) and is answered in. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** What an incoming request id may look like: short, and nothing that could forge a log line. */
const ACCEPTED = /^[\w.:-]{1,128}$/;

/**
 * The id of a request, for its log lines and its answer: the caller's own when it sent a
 * plausible one (so a proxy's id follows the request through), otherwise a new UUID.
 */
export function requestIdFor(incoming: string | string[] | undefined): string {
  const candidate = Array.isArray(incoming) ? incoming[0] : incoming;
  return candidate !== undefined && ACCEPTED.test(candidate) ? candidate : randomUUID();
}
