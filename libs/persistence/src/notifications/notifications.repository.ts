import type { DataSource } from 'typeorm';
import { NotificationEntity, type NotificationStatus } from '../entities/notification.entity';

/** The notification outbox as admins read and repair it. */
export class NotificationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The newest notifications in a status, of one project or all. */
  list(filter: { status: NotificationStatus; projectId?: string; limit: number }): Promise<NotificationEntity[]> {
    const rows = this.dataSource
      .getRepository(NotificationEntity)
      .createQueryBuilder('n')
      .where('n.status = :status', { status: filter.status })
      .orderBy('n.created_at', 'DESC')
      .addOrderBy('n.id', 'ASC')
      .limit(filter.limit);
    if (filter.projectId) rows.andWhere('n.project_id = :project', { project: filter.projectId });
    return rows.getMany();
  }

  find(id: string): Promise<NotificationEntity | null> {
    return this.dataSource.getRepository(NotificationEntity).findOneBy({ id });
  }

  /**
   * Puts a dead letter back in the outbox with all its attempts ahead of it, due at once; false
   * when it is no dead letter. One conditional update, so two admins retrying at once put it back once.
   */
  async putDeadLetterBack(id: string): Promise<boolean> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(NotificationEntity)
      .set({ status: 'pending', attempts: 0, nextAttemptAt: () => 'now()', leaseToken: null, leasedUntil: null })
      .where('id = :id AND status = :dead', { id, dead: 'dead' })
      .execute();
    return Boolean(result.affected);
  }
}
