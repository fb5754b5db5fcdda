import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** What a key is scoped to: who sent it, to which route, about what, and the key itself. */
export interface IdempotencyClaim {
  /** `user:<id>` for a signed-in caller; `anonymous` for the public form, whose token is in `resource`. */
  caller: string;
  /** Method and route template, e.g. `POST /tasks/:id/complete`. */
  operation: string;
  /** The route's path parameters. */
  resource: Record<string, string>;
  key: string;
}

export interface IdempotencyScope {
  /** SHA-256 (hex) of the claim: the key's row in idempotency_keys. */
  id: string;
  /**
   * What services receive in place of the raw key and use as Temporal update id, audit id and
   * project id seed: one per (caller, operation, resource, key), short and printable ASCII as
   * StorableInputMiddleware demands of a key.
   */
  derivedKey: string;
}

/** The scope of a key: the same claim always gives the same scope, two claims that differ in any part never do. */
export function idempotencyScope(claim: IdempotencyClaim): IdempotencyScope {
  // A JSON array, not a joined string: no choice of key or user id can shift one part into the next.
  const id = createHash('sha256')
    .update(canonicalJson([claim.caller, claim.operation, claim.resource, claim.key]))
    .digest('hex');
  return { id, derivedKey: `idem-${id.slice(0, 32)}` };
}
