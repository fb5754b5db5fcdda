import { Injectable } from '@nestjs/common';
import type { ProjectStatus } from '@accord/contracts';
import type { AuthUser } from '../auth/auth-user';
import type { ProjectListQueryDto } from './dto/project-list-query.dto';
import type { ProjectListResponse, ProjectSummaryResponse } from './dto/project-list.response';
import { ProjectAccessService } from './project-access.service';
import { decodeProjectCursor, encodeProjectCursor } from './project-list-cursor';
import { ProjectListRepository } from './project-list.repository';
import type { ProjectListRow } from './project-list.sql';

/** The projects a caller may read, filtered and paged by keyset: one query for the page, one for the total. */
@Injectable()
export class ProjectListService {
  constructor(
    private readonly projects: ProjectListRepository,
    private readonly access: ProjectAccessService,
  ) {}

  async list(user: AuthUser, query: ProjectListQueryDto): Promise<ProjectListResponse> {
    const after = query.cursor ? decodeProjectCursor(query.cursor, query.sort).key : undefined;
    const { rows, total } = await this.projects.page(query, (param) => this.access.readableCondition(user, 'project', param), after);
    const items = rows.slice(0, query.limit);
    const last = items.at(-1);
    const nextCursor = rows.length > query.limit && last ? encodeProjectCursor({ sort: query.sort, key: [last.sort_key, last.id] }) : null;
    return { items: items.map(toSummary), total, nextCursor };
  }
}

function toSummary(row: ProjectListRow): ProjectSummaryResponse {
  return {
    id: row.id,
    name: row.name,
    definitionKey: row.definition_key,
    definitionVersion: row.definition_version,
    status: row.status as ProjectStatus,
    team: row.team,
    // The customer's record is written with the project's first row; its key stands in should it ever be missing.
    customer: row.customer_key === null ? null : { key: row.customer_key, name: row.customer_name ?? row.customer_key },
    currentStage: row.current_stage,
    startedAt: row.started_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    workflowId: row.workflow_id,
    openTasks: row.open_tasks,
    openIncidents: row.open_incidents,
  };
}
