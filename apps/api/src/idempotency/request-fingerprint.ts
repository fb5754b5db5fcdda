import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/**
 * The SHA-256 (hex) of a request body as canonical JSON, what a key's repeat must match to be
 * replayed. A top-level `requestId` is the key sent in the body (task DTOs take it there),
 * not part of what is asked, so it is left out; an absent body counts as `{}`.
 */
export function requestFingerprint(body: unknown): string {
  const asked =
    typeof body === 'object' && body !== null && !Array.isArray(body)
      ? Object.fromEntries(Object.entries(body).filter(([name]) => name !== 'requestId'))
      : (body ?? {});
  return createHash('sha256').update(canonicalJson(asked)).digest('hex');
}
