import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { RateLimitsRepository } from '@accord/persistence';

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
  private readonly windows: RateLimitsRepository;

  constructor(
    db: EntityManager,
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.windows = new RateLimitsRepository(db);
  }

  /** Counts a hit under the key, in one atomic upsert; refused when it is beyond the limit of the key's window. */
  async take(scope: string, key: string[]): Promise<RateVerdict> {
    const now = this.now();
    await this.windows.sweepEnded(now, SWEEP_BATCH);
    const window = await this.windows.countHit(bucketOf(scope, key), now, this.windowMs);
    return window.hits > this.limit ? this.refusal(window.windowEndsAt, now) : { allowed: true };
  }

  /** Whether a hit under the key would be refused now, counting nothing. */
  async check(scope: string, key: string[]): Promise<RateVerdict> {
    const now = this.now();
    const window = await this.windows.openWindow(bucketOf(scope, key), now);
    return window && window.hits >= this.limit ? this.refusal(window.windowEndsAt, now) : { allowed: true };
  }

  private refusal(windowEndsAt: Date, now: Date): RateVerdict {
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((windowEndsAt.getTime() - now.getTime()) / 1000)) };
  }
}

/** The stored key: its scope in clear (for whoever reads the table), the rest hashed. */
function bucketOf(scope: string, key: string[]): string {
  return `${scope}:${createHash('sha256').update(key.join('\u0000')).digest('hex')}`;
}
