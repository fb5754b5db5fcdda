import type { DataSource, EntityManager } from 'typeorm';

/** A key's fixed window as stored in rate_limits: the hits counted in it, and when it ends. */
export interface RateWindow {
  hits: number;
  windowEndsAt: Date;
}

/** Hit counts per key and window (table rate_limits), shared by every API process. */
export class RateLimitsRepository {
  constructor(private readonly db: DataSource | EntityManager) {}

  /** Deletes up to `batch` windows that ended by `now`, skipping rows another hit holds. */
  async sweepEnded(now: Date, batch: number): Promise<void> {
    await this.db.query(
      `DELETE FROM rate_limits WHERE bucket IN (
         SELECT bucket FROM rate_limits WHERE window_ends_at <= $1 ORDER BY window_ends_at LIMIT ${Number(batch)} FOR UPDATE SKIP LOCKED)`,
      [now],
    );
  }

  /** Counts one hit in the bucket's window, opening a new window of `windowMs` when there is none or it ended: one atomic upsert. */
  async countHit(bucket: string, now: Date, windowMs: number): Promise<RateWindow> {
    // SET reads the row as it was, so both columns see the same old window.
    const [row]: { hits: number; window_ends_at: Date }[] = await this.db.query(
      `INSERT INTO rate_limits AS window_row (bucket, hits, window_ends_at) VALUES ($1, 1, $2::timestamptz + $3 * interval '1 millisecond')
       ON CONFLICT (bucket) DO UPDATE SET
         hits = CASE WHEN window_row.window_ends_at <= $2 THEN 1 ELSE window_row.hits + 1 END,
         window_ends_at = CASE WHEN window_row.window_ends_at <= $2 THEN EXCLUDED.window_ends_at ELSE window_row.window_ends_at END
       RETURNING hits, window_ends_at`,
      [bucket, now, windowMs],
    );
    return { hits: row.hits, windowEndsAt: row.window_ends_at };
  }

  /** The bucket's window still open at `now`, if any. */
  async openWindow(bucket: string, now: Date): Promise<RateWindow | undefined> {
    const [row]: { hits: number; window_ends_at: Date }[] = await this.db.query(
      `SELECT hits, window_ends_at FROM rate_limits WHERE bucket = $1 AND window_ends_at > $2`,
      [bucket, now],
    );
    return row && { hits: row.hits, windowEndsAt: row.window_ends_at };
  }
}
