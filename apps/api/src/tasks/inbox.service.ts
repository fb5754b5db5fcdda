import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { PRIORITY_NAME, TaskEntity } from '@accord/persistence';
import type { AuthUser } from '../auth/auth-user';
import type { InboxCountsQueryDto, InboxQueryDto } from './dto/inbox-query.dto';
import type { InboxCountsResponse } from './dto/inbox-counts.response';
import type { InboxResponse } from './dto/task.response';
import { decodeCursor, encodeCursor } from './inbox-cursor';
import { inboxCountsSql, inboxSql } from './inbox.sql';
import { toSummary } from './task-summary';

interface CountsRow {
  open: string;
  overdue: string;
  priorities: Record<string, number>;
  roles: { role: string; count: number }[];
  projects: { projectId: string; name: string; count: number }[];
}

@Injectable()
export class InboxService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The caller's inbox: tasks assigned or delegated to them, claimed by them, or offered to
   * one of their roles and not claimed by someone else; filtered, sorted, and paged by keyset.
   */
  async inbox(user: AuthUser, query: InboxQueryDto): Promise<InboxResponse> {
    const after = query.cursor ? decodeCursor(query.cursor, query.sort).key : undefined;
    const { page, count } = inboxSql(user, query, after);
    const [ids, [{ total }]] = await Promise.all([
      this.dataSource.query(page.sql, page.params) as Promise<{ id: string; key: string[] }[]>,
      this.dataSource.query(count.sql, count.params) as Promise<{ total: string }[]>,
    ]);
    const pageIds = ids.slice(0, query.limit).map((row) => row.id);
    const rows = pageIds.length > 0 ? await this.dataSource.getRepository(TaskEntity).findBy({ id: In(pageIds) }) : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    const items = pageIds.map((id) => byId.get(id)!).filter(Boolean);
    const nextCursor = ids.length > query.limit ? encodeCursor({ sort: query.sort, key: ids[query.limit - 1].key }) : null;
    return { items: items.map(toSummary), total: Number(total), nextCursor };
  }

  /** How many open tasks each filter of the caller's inbox would show. */
  async counts(user: AuthUser, query: InboxCountsQueryDto): Promise<InboxCountsResponse> {
    const { sql, params } = inboxCountsSql(user, query);
    const [row] = (await this.dataSource.query(sql, params)) as CountsRow[];
    const priority = { high: 0, normal: 0, low: 0 };
    PRIORITY_NAME.forEach((name, rank) => (priority[name] = row.priorities[rank] ?? 0));
    return { open: Number(row.open), overdue: Number(row.overdue), priority, roles: row.roles, projects: row.projects };
  }
}
