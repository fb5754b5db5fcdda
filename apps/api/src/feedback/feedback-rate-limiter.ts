import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';

/** Whether a hit is let through, and if not, in how many seconds its key's window ends. */
export type RateVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Windows that have ended, deleted by each hit: more than a hit can add, so ended windows never pile up. */
const SWEEP_BATCH = 100;

/**
 * A fixed-window limit on hits per key, kept in PostgreSQL (table rate_limits) so that every
 * API process counts the same hits. A key's window opens at its first hit and lasts
 * `windowMs`; within it `limit` hits pass. Keys are stored hashed, so the table holds no
 * client address. Each hit also deletes windows that have ended (up to SWEEP_BATCH), so the
 * table holds about the keys hit within the last window, never more.
 */
export class FeedbackRateLimiter {
  constructor(
    private readonly db: EntityManager,
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Counts a hit under the key, in one atomic upsert; refused when it is beyond the limit of the key's window. */
  async take(scope: string, key: string[]): Promise<RateVerdict> {
    const now = this.now();
    await this.db.query(
      `DELETE FROM rate_limits WHERE bucket IN (
         SELECT bucket FROM rate_limits WHERE window_ends_at <= $1 ORDER BY window_ends_at LIMIT ${SWEEP_BATCH} FOR UPDATE SKIP LOCKED)`,
      [now],
    );
    // SET reads the row as it was, so both columns see the same old window.
    const [row]: { hits: number; window_ends_at: Date }[] = await this.db.query(
      `INSERT INTO rate_limits AS window_row (bucket, hits, window_ends_at) VALUES ($1, 1, $2::timestamptz + $3 * interval '1 millisecond')
       ON CONFLICT (bucket) DO UPDATE SET
         hits = CASE WHEN window_row.window_ends_at <= $2 THEN 1 ELSE window_row.hits + 1 END,
         window_ends_at = CASE WHEN window_row.window_ends_at <= $2 THEN EXCLUDED.window_ends_at ELSE window_row.window_ends_at END
       RETURNING hits, window_ends_at`,
      [bucketOf(scope, key), now, this.windowMs],
    );
    return row.hits > this.limit ? this.refusal(row.window_ends_at, now) : { allowed: true };
  }

  /** Whether a hit under the key would be refused now, counting nothing. */
  async check(scope: string, key: string[]): Promise<RateVerdict> {
    const now = this.now();
    const [row]: { hits: number; window_ends_at: Date }[] = await this.db.query(
      `SELECT hits, window_ends_at FROM rate_limits WHERE bucket = $1 AND window_ends_at > $2`,
      [bucketOf(scope, key), now],
    );
    return row && row.hits >= this.limit ? this.refusal(row.window_ends_at, now) : { allowed: true };
  }

  private refusal(windowEndsAt: Date, now: Date): RateVerdict {
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((windowEndsAt.getTime() - now.getTime()) / 1000)) };
  }
}

/** The stored key: its scope in clear (for whoever reads the table), the rest hashed. */
function bucketOf(scope: string, key: string[]): string {
  return `${scope}:${createHash('sha256').update(key.join('\u0000')).digest('hex')}`;
}
