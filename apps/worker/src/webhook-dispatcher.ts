import { randomUUID } from 'node:crypto';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { WebhookDeliveryEntity, WebhookSubscriptionEntity } from '@accord/persistence';
import { notificationRetryDelayMs } from './notification-backoff';
import { webhookRequest } from './webhook-request';

export interface WebhookDispatcherOptions {
  /** Pause between two rounds. */
  intervalMs: number;
  /** Rows claimed in one round; they are sent side by side. */
  batchSize: number;
  /** Attempts before a delivery becomes a dead letter. */
  maxAttempts: number;
  /** Wait after the first failure, doubled after each further one… */
  backoffMs: number;
  /** …up to this. */
  backoffCapMs: number;
  /** A receiver that has not answered by then (real time: a timer, not `now`) counts as failed, and the request is aborted. */
  sendTimeoutMs: number;
  /** How long a claim keeps other dispatchers away; past it, the claim is taken as lost. Twice the send timeout unless given. */
  leaseMs?: number;
  /** The dispatcher's clock: due times, leases, outcomes and the signed timestamp are all read from it. */
  now: () => Date;
}

const DEFAULTS: WebhookDispatcherOptions = {
  intervalMs: 1_000,
  batchSize: 20,
  maxAttempts: 15,
  backoffMs: 30_000,
  backoffCapMs: 3_600_000,
  sendTimeoutMs: 10_000,
  now: () => new Date(),
};

export interface WebhookDispatchReport {
  delivered: number;
  /** Failed, and due again after their backoff. */
  failed: number;
  /** Failed for the last time (or their last attempt never reported back): now dead letters. */
  dead: number;
}

type Outcome = { delivered: true; statusCode: number } | { delivered: false; statusCode: number | null; error: string };

interface Claimed {
  delivery: WebhookDeliveryEntity;
  subscription: WebhookSubscriptionEntity;
}

/**
 * POSTs the webhook outbox, in the shape of the NotificationDispatcher: each round claims due
 * deliveries, oldest first, in a short transaction (`FOR UPDATE SKIP LOCKED`, then a lease),
 * and sends them after it has committed, so a slow receiver holds no row lock. A 2xx answer
 * delivers; anything else (another status, a refused connection, no answer in time) is
 * retried with the notifications' exponential backoff until the attempts run out and the
 * delivery becomes a dead letter. Every attempt carries the event's id and a fresh signature.
 */
export class WebhookDispatcher {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private readonly options: WebhookDispatcherOptions & { leaseMs: number };

  constructor(
    private readonly dataSource: DataSource,
    options: Partial<WebhookDispatcherOptions> = {},
  ) {
    const merged = { ...DEFAULTS, ...options };
    this.options = { ...merged, leaseMs: merged.leaseMs ?? 2 * merged.sendTimeoutMs };
  }

  async dispatchOnce(): Promise<WebhookDispatchReport> {
    const { leaseToken, claimed, dead } = await this.claim();
    const report: WebhookDispatchReport = { delivered: 0, failed: 0, dead };
    const settled = await Promise.allSettled(
      claimed.map(async (row) => {
        const recorded = await this.record(row.delivery, leaseToken, await this.attempt(row));
        if (recorded) report[recorded]++;
      }),
    );
    const broken = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (broken) throw broken.reason;
    return report;
  }

  start(onError: (error: unknown) => void): void {
    const tick = () => {
      this.running = this.dispatchOnce()
        .catch(onError)
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, this.options.intervalMs);
        });
    };
    this.timer = setTimeout(tick, this.options.intervalMs);
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /**
   * Locks due deliveries, skipping those another dispatcher is claiming, and leases them; the
   * locks go at commit, before anything is sent. One whose last attempt never reported back
   * (its lease ran out) and that has no attempt left becomes a dead letter here.
   */
  private async claim(): Promise<{ leaseToken: string; claimed: Claimed[]; dead: number }> {
    const leaseToken = randomUUID();
    return this.dataSource.transaction(async (db) => {
      const now = this.options.now();
      const due = await db
        .getRepository(WebhookDeliveryEntity)
        .createQueryBuilder('d')
        .where(`d.status = 'pending'`)
        .andWhere('d.next_attempt_at <= :now', { now })
        .andWhere('(d.leased_until IS NULL OR d.leased_until <= :now)', { now })
        .orderBy('d.created_at', 'ASC')
        .addOrderBy('d.occurred_at', 'ASC')
        .addOrderBy('d.id', 'ASC')
        .limit(this.options.batchSize)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      const exhausted = due.filter((row) => row.attempts >= this.options.maxAttempts);
      const ready = due.filter((row) => row.attempts < this.options.maxAttempts);
      for (const row of exhausted) await this.giveUp(db, row, now);
      if (ready.length === 0) return { leaseToken, claimed: [], dead: exhausted.length };
      const leasedUntil = new Date(now.getTime() + this.options.leaseMs);
      await db.update(WebhookDeliveryEntity, { id: In(ready.map((row) => row.id)) }, { attempts: () => 'attempts + 1', leaseToken, leasedUntil });
      for (const row of ready) Object.assign(row, { attempts: row.attempts + 1, leaseToken, leasedUntil });
      // A delivery's subscription cannot go meanwhile: deleting it deletes the delivery, which we hold locked.
      const subscriptions = await db.getRepository(WebhookSubscriptionEntity).findBy({ id: In([...new Set(ready.map((row) => row.subscriptionId))]) });
      const byId = new Map(subscriptions.map((subscription) => [subscription.id, subscription]));
      return { leaseToken, claimed: ready.map((delivery) => ({ delivery, subscription: byId.get(delivery.subscriptionId)! })), dead: exhausted.length };
    });
  }

  private async giveUp(db: EntityManager, row: WebhookDeliveryEntity, now: Date): Promise<void> {
    const lastError = row.leasedUntil ? `attempt ${row.attempts} never reported back (its dispatcher stopped while sending)` : row.lastError;
    await db.update(
      WebhookDeliveryEntity,
      { id: row.id },
      { status: 'dead', lastError, lastAttemptAt: row.lastAttemptAt ?? now, leaseToken: null, leasedUntil: null },
    );
  }

  /** One POST, given up (and aborted) after the send timeout; redirects are not followed (a 3xx is a failure). */
  private async attempt({ delivery, subscription }: Claimed): Promise<Outcome> {
    const request = webhookRequest(
      { id: delivery.eventId, type: delivery.eventType, occurredAt: delivery.occurredAt.toISOString(), data: delivery.data },
      subscription.secret,
      this.options.now(),
    );
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(new Error(`no answer within ${this.options.sendTimeoutMs} ms`)), this.options.sendTimeoutMs);
    try {
      const response = await fetch(subscription.url, {
        method: 'POST',
        headers: request.headers,
        body: request.body,
        redirect: 'manual',
        signal: abort.signal,
      });
      // The answer's body means nothing to us; not reading it frees the connection.
      await response.body?.cancel();
      if (response.status >= 200 && response.status < 300) return { delivered: true, statusCode: response.status };
      return { delivered: false, statusCode: response.status, error: `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}` };
    } catch (error) {
      const reason = abort.signal.aborted ? abort.signal.reason : error;
      return { delivered: false, statusCode: null, error: describe(reason) };
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Writes the outcome if this dispatcher still holds the lease. Without it (the lease ran
   * out and another dispatcher claimed the row) the other one's outcome counts, and this
   * one's is dropped: the receiver sees the same id twice at most.
   */
  private async record(row: WebhookDeliveryEntity, leaseToken: string, outcome: Outcome): Promise<keyof WebhookDispatchReport | undefined> {
    const now = this.options.now();
    const released = { lastAttemptAt: now, lastStatusCode: outcome.statusCode, leaseToken: null, leasedUntil: null };
    let status: keyof WebhookDispatchReport;
    let change: Partial<Omit<WebhookDeliveryEntity, 'data'>>;
    if (outcome.delivered) {
      status = 'delivered';
      change = { ...released, status: 'delivered', deliveredAt: now, lastError: null };
    } else if (row.attempts >= this.options.maxAttempts) {
      status = 'dead';
      change = { ...released, status: 'dead', lastError: outcome.error };
    } else {
      status = 'failed';
      const delay = notificationRetryDelayMs(row.attempts, { backoffMs: this.options.backoffMs, capMs: this.options.backoffCapMs });
      change = { ...released, lastError: outcome.error, nextAttemptAt: new Date(now.getTime() + delay) };
    }
    const result = await this.dataSource.getRepository(WebhookDeliveryEntity).update({ id: row.id, leaseToken, status: 'pending' }, change);
    return result.affected ? status : undefined;
  }
}

/**
 * fetch reports a refused connection as "fetch failed" with the reason in `cause`. Duck-typed:
 * fetch's errors may come from another realm (Jest's sandbox), where `instanceof Error` is false.
 */
function describe(error: unknown): string {
  const message = (value: unknown) => (typeof value === 'object' && value !== null && 'message' in value ? String(value.message) : undefined);
  const own = message(error) ?? String(error);
  const cause = typeof error === 'object' && error !== null && 'cause' in error ? message(error.cause) : undefined;
  return cause ? `${own}: ${cause}` : own;
}
