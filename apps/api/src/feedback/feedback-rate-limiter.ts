/**
 * A sliding-window limit on submissions per key (a link, an address). It lives in the API
 * process: with several API replicas each enforces its own share, which bounds abuse without
 * a shared store.
 */
export class FeedbackRateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts a submission under every key; answers how many seconds to wait when any key is over its limit (and counts nothing then). */
  take(keys: string[]): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    const now = this.now();
    const recent = keys.map((key) => (this.hits.get(key) ?? []).filter((at) => at > now - this.windowMs));
    const full = recent.filter((hits) => hits.length >= this.limit);
    if (full.length > 0) {
      const freeAt = Math.max(...full.map((hits) => hits[hits.length - this.limit] + this.windowMs));
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((freeAt - now) / 1000)) };
    }
    keys.forEach((key, index) => this.hits.set(key, [...recent[index], now]));
    // Forget keys whose window has passed, so that one-off addresses do not pile up.
    if (this.hits.size > 10_000) for (const [key, hits] of this.hits) if (hits.every((at) => at <= now - this.windowMs)) this.hits.delete(key);
    return { allowed: true };
  }
}
