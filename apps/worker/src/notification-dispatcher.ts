import type { DataSource } from 'typeorm';
import { NotificationEntity } from '@accord/persistence';
import type { JsonLogger } from '@accord/runtime';

/** Delivers one notification (mail, chat, SMS…); throws when it could not. */
export interface NotificationSender {
  send(notification: NotificationEntity): Promise<void>;
}

/** The default sender: writes each notification to the structured log. */
export class LoggingNotificationSender implements NotificationSender {
  constructor(private readonly logger: JsonLogger) {}

  async send(notification: NotificationEntity): Promise<void> {
    this.logger.entry('info', 'notification', {
      id: notification.id,
      kind: notification.kind,
      to: notification.recipientUser ?? `role:${notification.recipientRole}`,
      subject: notification.subject,
      body: notification.body,
    });
  }
}

/**
 * Sends the outbox: oldest unsent notifications first, each marked sent only after the
 * sender accepted it. A sender that is down leaves rows for the next round, so nothing is
 * lost; rows are claimed with SKIP LOCKED, so several workers never send one twice.
 */
export class NotificationDispatcher {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly sender: NotificationSender,
    private readonly options: { intervalMs: number; batchSize: number } = { intervalMs: 1_000, batchSize: 50 },
  ) {}

  async dispatchOnce(): Promise<{ sent: number; failed: number }> {
    return this.dataSource.transaction(async (db) => {
      const batch = await db
        .getRepository(NotificationEntity)
        .createQueryBuilder('n')
        .where('n.sent_at IS NULL')
        .orderBy('n.created_at', 'ASC')
        .limit(this.options.batchSize)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      let sent = 0;
      for (const notification of batch) {
        try {
          await this.sender.send(notification);
          await db.update(NotificationEntity, { id: notification.id }, { sentAt: new Date(), attempts: notification.attempts + 1, lastError: null });
          sent++;
        } catch (error) {
          await db.update(NotificationEntity, { id: notification.id }, { attempts: notification.attempts + 1, lastError: String((error as Error).message ?? error) });
        }
      }
      return { sent, failed: batch.length - sent };
    });
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
}
