import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type NotificationEntity, NotificationsRepository } from '@accord/persistence';
import { ErrorCode, NotificationException } from '../errors/accord.exception';
import type { NotificationsQueryDto } from './dto/notifications-query.dto';
import type { NotificationResponse } from './dto/notification.response';

/** The notification outbox as admins see it: dead letters (and what is pending or sent), and putting a dead letter back. */
@Injectable()
export class NotificationsService {
  private readonly outbox: NotificationsRepository;

  constructor(dataSource: DataSource) {
    this.outbox = new NotificationsRepository(dataSource);
  }

  async list(query: NotificationsQueryDto): Promise<NotificationResponse[]> {
    return (await this.outbox.list({ status: query.status ?? 'dead', projectId: query.project, limit: query.limit ?? 50 })).map(toResponse);
  }

  /** Puts a dead letter back in the outbox with all its attempts ahead of it; due at once. */
  async retry(id: string): Promise<NotificationResponse> {
    // Two admins retrying at once put it back once, and the second gets 409.
    if (await this.outbox.putDeadLetterBack(id)) return this.get(id);
    const existing = await this.outbox.find(id);
    if (!existing) throw new NotificationException(ErrorCode.NOTIFICATION_NOT_FOUND, `No notification ${id}`);
    throw new NotificationException(ErrorCode.NOTIFICATION_NOT_DEAD, `Notification ${id} is ${existing.status}: only a dead letter can be retried`, [
      { path: 'id', message: `is ${existing.status}` },
    ]);
  }

  private async get(id: string): Promise<NotificationResponse> {
    const row = await this.outbox.find(id);
    if (!row) throw new NotificationException(ErrorCode.NOTIFICATION_NOT_FOUND, `No notification ${id}`);
    return toResponse(row);
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
