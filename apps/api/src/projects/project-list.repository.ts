import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ProjectListQueryDto } from './dto/project-list-query.dto';
import { type ProjectListRow, projectListSql } from './project-list.sql';

/** The projects list's two statements (project-list.sql.ts), run side by side. */
@Injectable()
export class ProjectListRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The page's rows plus one, which tells whether another page follows, and the total of every page. */
  async page(
    query: ProjectListQueryDto,
    readable: (param: (value: unknown) => string) => string | undefined,
    after?: [string, string],
  ): Promise<{ rows: ProjectListRow[]; total: number }> {
    const { page, count } = projectListSql(query, readable, after);
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(page.sql, page.params) as Promise<ProjectListRow[]>,
      this.dataSource.query(count.sql, count.params) as Promise<{ total: number }[]>,
    ]);
    return { rows, total };
  }
}
