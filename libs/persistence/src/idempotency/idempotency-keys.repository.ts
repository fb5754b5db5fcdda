import type { DataSource, EntityManager } from 'typeorm';

/** What a request reserving a key asks for it. */
export interface KeyReservation {
  scope: string;
  caller: string;
  operation: string;
  resource: Record<string, string>;
  idempotencyKey: string;
  fingerprint: string;
  /** The token that proves the reservation is this request's. */
  reservation: string;
  now: Date;
  leaseSeconds: number;
  ttlHours: number;
}

/** A held key as the next request with it finds it. */
export interface HeldKey {
  fingerprint: string;
  /** The stored answer's HTTP status; null while the request holding the key still runs. */
  status: number | null;
  response: { body?: unknown } | null;
  leasedUntil: Date;
}

/** Idempotency keys (table idempotency_keys): who holds each, until when, and the answer it got. */
export class IdempotencyKeysRepository {
  constructor(private readonly db: DataSource | EntityManager) {}

  /** Deletes up to `limit` keys expired by `now`, skipping any another transaction holds. */
  async sweepExpired(now: Date, limit: number): Promise<void> {
    await this.db.query(
      `DELETE FROM idempotency_keys WHERE scope IN (
         SELECT scope FROM idempotency_keys WHERE expires_at <= $1 ORDER BY expires_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)`,
      [now],
    );
  }

  /**
   * Whether the request took the key: it does when the key is new, expired, or held by a request
   * with the same fingerprint whose lease ran out.
   */
  async reserve(request: KeyReservation): Promise<boolean> {
    const taken: unknown[] = await this.db.query(
      `INSERT INTO idempotency_keys AS held (scope, caller, operation, resource, idempotency_key, fingerprint, reservation, leased_until, expires_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::timestamptz + $9 * interval '1 second', $8::timestamptz + $10 * interval '1 hour', $8)
         ON CONFLICT (scope) DO UPDATE SET
           fingerprint = EXCLUDED.fingerprint, reservation = EXCLUDED.reservation, status = NULL, response = NULL,
           leased_until = EXCLUDED.leased_until, expires_at = EXCLUDED.expires_at, created_at = EXCLUDED.created_at
         WHERE held.expires_at <= $8 OR (held.status IS NULL AND held.leased_until <= $8 AND held.fingerprint = EXCLUDED.fingerprint)
         RETURNING scope`,
      [
        request.scope,
        request.caller,
        request.operation,
        JSON.stringify(request.resource),
        request.idempotencyKey,
        request.fingerprint,
        request.reservation,
        request.now,
        request.leaseSeconds,
        request.ttlHours,
      ],
    );
    return taken.length > 0;
  }

  /** The key of this scope as it is held, if anyone holds it. */
  async held(scope: string): Promise<HeldKey | undefined> {
    const [row]: { fingerprint: string; status: number | null; response: { body?: unknown } | null; leased_until: Date }[] = await this.db.query(
      `SELECT fingerprint, status, response, leased_until FROM idempotency_keys WHERE scope = $1`,
      [scope],
    );
    return row && { fingerprint: row.fingerprint, status: row.status, response: row.response, leasedUntil: row.leased_until };
  }

  /** Stores the answer on the key if this reservation still holds it. */
  async storeAnswer(scope: string, reservation: string, status: number, body: unknown): Promise<void> {
    await this.db.query(`UPDATE idempotency_keys SET status = $3, response = $4 WHERE scope = $1 AND reservation = $2`, [
      scope,
      reservation,
      status,
      JSON.stringify({ body }),
    ]);
  }

  /** Frees the key if this reservation still holds it unanswered. */
  async release(scope: string, reservation: string): Promise<void> {
    await this.db.query(`DELETE FROM idempotency_keys WHERE scope = $1 AND reservation = $2 AND status IS NULL`, [scope, reservation]);
  }
}
