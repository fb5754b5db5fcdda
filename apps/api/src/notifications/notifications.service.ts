import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotificationEntity } from '@accord/persistence';
import { ErrorCode, NotificationException } from '../errors/accord.exception';
import type { NotificationsQueryDto } from './dto/notifications-query.dto';
import type { NotificationResponse } from './dto/notification.response';

/** The notification outbox as admins see it: dead letters (and what is pending or sent), and putting a dead letter back. */
@Injectable()
export class NotificationsService {
  constructor(private readonly dataSource: DataSource) {}

  async list(query: NotificationsQueryDto): Promise<NotificationResponse[]> {
    const rows = this.dataSource
      .getRepository(NotificationEntity)
      .createQueryBuilder('n')
      .where('n.status = :status', { status: query.status ?? 'dead' })
      .orderBy('n.created_at', 'DESC')
      .addOrderBy('n.id', 'ASC')
      .limit(query.limit ?? 50);
    if (query.project) rows.andWhere('n.project_id = :project', { project: query.project });
    return (await rows.getMany()).map(toResponse);
  }

  /** Puts a dead letter back in the outbox with all its attempts ahead of it; due at once. */
  async retry(id: string): Promise<NotificationResponse> {
    // One conditional update, so two admins retrying at once put it back once and the second gets 409.
    const result = await this.dataSource
      .createQueryBuilder()
      .update(NotificationEntity)
      .set({ status: 'pending', attempts: 0, nextAttemptAt: () => 'now()', leaseToken: null, leasedUntil: null })
      .where('id = :id AND status = :dead', { id, dead: 'dead' })
      .execute();
    if (result.affected) return this.get(id);
    const existing = await this.dataSource.getRepository(NotificationEntity).findOneBy({ id });
    if (!existing) throw new NotificationException(ErrorCode.NOTIFICATION_NOT_FOUND, `No notification ${id}`);
    throw new NotificationException(ErrorCode.NOTIFICATION_NOT_DEAD, `Notification ${id} is ${existing.status}: only a dead letter can be retried`, [{ path: 'id', message: `is ${existing.status}` }]);
  }

  private async get(id: string): Promise<NotificationResponse> {
    return toResponse(await this.dataSource.getRepository(NotificationEntity).findOneByOrFail({ id }));
  }
}

function toResponse(row: NotificationEntity): NotificationResponse {
  return {
    id: row.id,
    projectId: row.projectId,
    taskId: row.taskId,
    kind: row.kind,
    recipientRole: row.recipientRole,
    recipientUser: row.recipientUser,
    subject: row.subject,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'pending' ? row.nextAttemptAt.toISOString() : null,
    lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
    lastError: row.lastError,
    sentAt: row.sentAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
