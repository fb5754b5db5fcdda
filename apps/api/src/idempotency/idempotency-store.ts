import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { IdempotencyClaim, IdempotencyScope } from './idempotency-scope';

/** A stored answer: what the first request with the key got. */
export interface StoredAnswer {
  status: number;
  body: unknown;
}

/** What a request holding a key may do. */
export type Reservation =
  /** The key is this request's: run it, then `complete` or `release` with the token. */
  | { kind: 'reserved'; token: string }
  /** The same request was answered: replay its answer. */
  | { kind: 'answered'; answer: StoredAnswer }
  /** Another request (another body) holds the key. */
  | { kind: 'reused' }
  /** The same request is still running elsewhere. */
  | { kind: 'in-flight'; retryAfterSeconds: number };

/** Expired keys deleted by each reservation: more than one reservation adds, so they never pile up. */
const SWEEP_BATCH = 100;

/**
 * Idempotency keys in PostgreSQL (table idempotency_keys), so every API process and every run of
 * a project's workflow see the same keys. A reservation is one atomic upsert: the key is taken
 * when it is new, expired, or held by a request with the same fingerprint whose lease ran out
 * (its API process died mid-request); otherwise the row says what the caller gets.
 */
export class IdempotencyStore {
  constructor(
    private readonly db: EntityManager,
    private readonly ttlHours: number,
    /** How long a request may run before another with the same key and body may take over. */
    private readonly leaseSeconds: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async reserve(scope: IdempotencyScope, claim: IdempotencyClaim, fingerprint: string): Promise<Reservation> {
    const now = this.now();
    await this.db.query(
      `DELETE FROM idempotency_keys WHERE scope IN (
         SELECT scope FROM idempotency_keys WHERE expires_at <= $1 ORDER BY expires_at LIMIT ${SWEEP_BATCH} FOR UPDATE SKIP LOCKED)`,
      [now],
    );
    // A row deleted between the upsert and the read is free again: one more try takes it.
    for (let attempt = 0; attempt < 2; attempt++) {
      const token = randomUUID();
      const taken: unknown[] = await this.db.query(
        `INSERT INTO idempotency_keys AS held (scope, caller, operation, resource, idempotency_key, fingerprint, reservation, leased_until, expires_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::timestamptz + $9 * interval '1 second', $8::timestamptz + $10 * interval '1 hour', $8)
         ON CONFLICT (scope) DO UPDATE SET
           fingerprint = EXCLUDED.fingerprint, reservation = EXCLUDED.reservation, status = NULL, response = NULL,
           leased_until = EXCLUDED.leased_until, expires_at = EXCLUDED.expires_at, created_at = EXCLUDED.created_at
         WHERE held.expires_at <= $8 OR (held.status IS NULL AND held.leased_until <= $8 AND held.fingerprint = EXCLUDED.fingerprint)
         RETURNING scope`,
        [scope.id, claim.caller, claim.operation, JSON.stringify(claim.resource), claim.key, fingerprint, token, now, this.leaseSeconds, this.ttlHours],
      );
      if (taken.length > 0) return { kind: 'reserved', token };
      const [held]: { fingerprint: string; status: number | null; response: { body?: unknown } | null; leased_until: Date }[] = await this.db.query(
        `SELECT fingerprint, status, response, leased_until FROM idempotency_keys WHERE scope = $1`,
        [scope.id],
      );
      if (!held) continue;
      if (held.fingerprint !== fingerprint) return { kind: 'reused' };
      if (held.status === null) return { kind: 'in-flight', retryAfterSeconds: Math.max(1, Math.ceil((held.leased_until.getTime() - now.getTime()) / 1000)) };
      return { kind: 'answered', answer: { status: held.status, body: held.response?.body } };
    }
    return { kind: 'in-flight', retryAfterSeconds: 1 };
  }

  /** Keeps the answer for repeats; a no-op when the reservation was taken over meanwhile. */
  async complete(scope: IdempotencyScope, token: string, answer: StoredAnswer): Promise<void> {
    await this.db.query(`UPDATE idempotency_keys SET status = $3, response = $4 WHERE scope = $1 AND reservation = $2`, [
      scope.id,
      token,
      answer.status,
      JSON.stringify({ body: answer.body }),
    ]);
  }

  /** Frees the key of a request that failed, so that its retry runs afresh. */
  async release(scope: IdempotencyScope, token: string): Promise<void> {
    await this.db.query(`DELETE FROM idempotency_keys WHERE scope = $1 AND reservation = $2 AND status IS NULL`, [scope.id, token]);
  }
}
