import { Injectable } from '@nestjs/common';
import { PRIORITY_NAME } from '@accord/persistence';
import type { AuthUser } from '../auth/auth-user';
import { PreparedStatements } from '../infrastructure/prepared-statements';
import type { InboxCountsQueryDto, InboxQueryDto } from './dto/inbox-query.dto';
import type { InboxCountsResponse } from './dto/inbox-counts.response';
import type { InboxResponse } from './dto/task.response';
import { decodeCursor, encodeCursor } from './inbox-cursor';
import { inboxCountsSql, type InboxRow, inboxSql } from './inbox.sql';
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
  constructor(private readonly statements: PreparedStatements) {}

  /**
   * The caller's inbox: tasks assigned or delegated to them, claimed by them, or offered to
   * one of their roles and not claimed by someone else; filtered, sorted, and paged by keyset.
   */
  async inbox(user: AuthUser, query: InboxQueryDto): Promise<InboxResponse> {
    const after = query.cursor ? decodeCursor(query.cursor, query.sort).key : undefined;
    const { sql, params } = inboxSql(user, query, after);
    const rows = await this.statements.query<InboxRow>(sql, params);
    const tasks = rows.filter((row): row is Extract<InboxRow, { key: string[] }> => row.id !== null);
    const nextCursor = tasks.length > query.limit ? encodeCursor({ sort: query.sort, key: tasks[query.limit - 1].key }) : null;
    return { items: tasks.slice(0, query.limit).map(toSummary), total: Number(rows[0].total), nextCursor };
  }

  /** How many open tasks each filter of the caller's inbox would show. */
  async counts(user: AuthUser, query: InboxCountsQueryDto): Promise<InboxCountsResponse> {
    const { sql, params } = inboxCountsSql(user, query);
    const [row] = await this.statements.query<CountsRow>(sql, params);
    const priority = { high: 0, normal: 0, low: 0 };
    PRIORITY_NAME.forEach((name, rank) => (priority[name] = row.priorities[rank] ?? 0));
    return { open: Number(row.open), overdue: Number(row.overdue), priority, roles: row.roles, projects: row.projects };
  }
}
