import { randomUUID } from 'node:crypto';
import { In, type DataSource, type EntityManager } from 'typeorm';
import type { Assignee } from '@accord/contracts';
import { NotificationEntity, type NotificationKind } from '@accord/persistence';
import type { JsonLogger } from '@accord/runtime';
import { notificationRetryDelayMs } from './notification-backoff';

/** What a sender delivers: one attempt at one notification. */
export interface NotificationMessage {
  /** The outbox row's id, the same on every attempt: a receiver drops a message whose id it has seen. */
  id: string;
  /** 1 on the first attempt; more means an earlier attempt failed or was never confirmed. */
  attempt: number;
  kind: NotificationKind;
  projectId: string;
  taskId: string | null;
  to: Assignee;
  subject: string;
  body: string;
  createdAt: Date;
}

/**
 * Delivers one notification (mail, chat, SMS…); throws when it could not. Delivery is at
 * least once: a message may come again (after a timeout, or a worker that stopped while
 * sending), always with the same `id`. `signal` aborts when the dispatcher stops waiting.
 */
export interface NotificationSender {
  send(message: NotificationMessage, signal: AbortSignal): Promise<void>;
}

/** The default sender: writes each notification to the structured log. */
export class LoggingNotificationSender implements NotificationSender {
  constructor(private readonly logger: JsonLogger) {}

  async send(message: NotificationMessage): Promise<void> {
    this.logger.entry('info', 'notification', {
      id: message.id,
      attempt: message.attempt,
      kind: message.kind,
      to: 'user' in message.to ? message.to.user : `role:${message.to.role}`,
      subject: message.subject,
      body: message.body,
    });
  }
}

export interface NotificationDispatcherOptions {
  /** Pause between two rounds. */
  intervalMs: number;
  /** Rows claimed in one round; they are sent side by side. */
  batchSize: number;
  /** Attempts before a row becomes a dead letter. */
  maxAttempts: number;
  /** Wait after the first failure, doubled after each further one… */
  backoffMs: number;
  /** …up to this. */
  backoffCapMs: number;
  /** A send that has not answered by then (real time: a timer, not `now`) counts as failed, and is aborted. */
  sendTimeoutMs: number;
  /** How long a claim keeps other dispatchers away; past it, the claim is taken as lost. Twice the send timeout unless given. */
  leaseMs?: number;
  /** The dispatcher's clock: due times, leases and outcomes are all read from it. */
  now: () => Date;
}

const DEFAULTS: NotificationDispatcherOptions = {
  intervalMs: 1_000,
  batchSize: 20,
  maxAttempts: 10,
  backoffMs: 30_000,
  backoffCapMs: 3_600_000,
  sendTimeoutMs: 30_000,
  now: () => new Date(),
};

export interface DispatchReport {
  sent: number;
  /** Failed, and due again after their backoff. */
  failed: number;
  /** Failed for the last time (or their last attempt never reported back): now dead letters. */
  dead: number;
}

type Outcome = { sent: true } | { sent: false; error: string };

/**
 * Sends the outbox. Each round claims due rows, oldest first, in a short transaction
 * (`FOR UPDATE SKIP LOCKED`, then a lease written on them) and sends them after it has
 * committed, so a slow sender holds no row lock and blocks no one; the lease keeps other
 * dispatchers off those rows meanwhile. A failure is retried with exponential backoff until
 * the attempts run out and the row becomes a dead letter. A dispatcher that stops while
 * sending leaves a lease that expires: its rows are sent again, under the same id.
 */
export class NotificationDispatcher {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private readonly options: NotificationDispatcherOptions & { leaseMs: number };

  constructor(
    private readonly dataSource: DataSource,
    private readonly sender: NotificationSender,
    options: Partial<NotificationDispatcherOptions> = {},
  ) {
    const merged = { ...DEFAULTS, ...options };
    this.options = { ...merged, leaseMs: merged.leaseMs ?? 2 * merged.sendTimeoutMs };
  }

  async dispatchOnce(): Promise<DispatchReport> {
    const { leaseToken, claimed, dead } = await this.claim();
    const report: DispatchReport = { sent: 0, failed: 0, dead };
    const settled = await Promise.allSettled(
      claimed.map(async (row) => {
        const recorded = await this.record(row, leaseToken, await this.attempt(row));
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
   * Locks due rows, skipping those another dispatcher is claiming, and leases them; the
   * locks go at commit, before anything is sent. A row whose last attempt never reported
   * back (its lease ran out) and that has no attempt left becomes a dead letter here.
   */
  private async claim(): Promise<{ leaseToken: string; claimed: NotificationEntity[]; dead: number }> {
    const leaseToken = randomUUID();
    return this.dataSource.transaction(async (db) => {
      const now = this.options.now();
      const due = await db
        .getRepository(NotificationEntity)
        .createQueryBuilder('n')
        .where(`n.status = 'pending'`)
        .andWhere('n.next_attempt_at <= :now', { now })
        .andWhere('(n.leased_until IS NULL OR n.leased_until <= :now)', { now })
        .orderBy('n.created_at', 'ASC')
        .addOrderBy('n.id', 'ASC')
        .limit(this.options.batchSize)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      const exhausted = due.filter((row) => row.attempts >= this.options.maxAttempts);
      const claimed = due.filter((row) => row.attempts < this.options.maxAttempts);
      for (const row of exhausted) await this.giveUp(db, row, now);
      if (claimed.length > 0) {
        const leasedUntil = new Date(now.getTime() + this.options.leaseMs);
        await db.update(NotificationEntity, { id: In(claimed.map((row) => row.id)) }, { attempts: () => 'attempts + 1', leaseToken, leasedUntil });
        for (const row of claimed) Object.assign(row, { attempts: row.attempts + 1, leaseToken, leasedUntil });
      }
      return { leaseToken, claimed, dead: exhausted.length };
    });
  }

  private async giveUp(db: EntityManager, row: NotificationEntity, now: Date): Promise<void> {
    const lastError = row.leasedUntil ? `attempt ${row.attempts} never reported back (its dispatcher stopped while sending)` : row.lastError;
    await db.update(
      NotificationEntity,
      { id: row.id },
      { status: 'dead', lastError, lastAttemptAt: row.lastAttemptAt ?? now, leaseToken: null, leasedUntil: null },
    );
  }

  /** One send, given up (and aborted) after the send timeout. */
  private async attempt(row: NotificationEntity): Promise<Outcome> {
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abort.abort();
        reject(new Error(`no answer within ${this.options.sendTimeoutMs} ms`));
      }, this.options.sendTimeoutMs);
    });
    try {
      await Promise.race([this.sender.send(toMessage(row), abort.signal), timedOut]);
      return { sent: true };
    } catch (error) {
      return { sent: false, error: error instanceof Error ? error.message : String(error) };
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Writes the outcome if this dispatcher still holds the lease. Without it (the lease ran
   * out and another dispatcher claimed the row) the other one's outcome counts, and this
   * one's is dropped: the receiver sees the same id twice at most.
   */
  private async record(row: NotificationEntity, leaseToken: string, outcome: Outcome): Promise<keyof DispatchReport | undefined> {
    const now = this.options.now();
    const released = { lastAttemptAt: now, leaseToken: null, leasedUntil: null };
    let status: keyof DispatchReport;
    let change: Partial<NotificationEntity>;
    if (outcome.sent) {
      status = 'sent';
      change = { ...released, status: 'sent', sentAt: now, lastError: null };
    } else if (row.attempts >= this.options.maxAttempts) {
      status = 'dead';
      change = { ...released, status: 'dead', lastError: outcome.error };
    } else {
      status = 'failed';
      const delay = notificationRetryDelayMs(row.attempts, { backoffMs: this.options.backoffMs, capMs: this.options.backoffCapMs });
      change = { ...released, lastError: outcome.error, nextAttemptAt: new Date(now.getTime() + delay) };
    }
    const result = await this.dataSource.getRepository(NotificationEntity).update({ id: row.id, leaseToken, status: 'pending' }, change);
    return result.affected ? status : undefined;
  }
}

function toMessage(row: NotificationEntity): NotificationMessage {
  return {
    id: row.id,
    attempt: row.attempts,
    kind: row.kind,
    projectId: row.projectId,
    taskId: row.taskId,
    to: row.recipientUser !== null ? { user: row.recipientUser } : { role: row.recipientRole ?? '' },
    subject: row.subject,
    body: row.body,
    createdAt: row.createdAt,
  };
}
