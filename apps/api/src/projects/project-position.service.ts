import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IncidentEntity, loadTimelineSources, TaskEntity } from '@accord/persistence';
import type { AuthUser } from '../auth/auth-user';
import { projectStanding } from './project-position.standing';
import type { ProjectPositionResponse } from './project-position.responses';
import { ProjectsService } from './projects.service';

/** Where a project stands on its definition's diagram, from the read model (tasks, audit events, incidents). */
@Injectable()
export class ProjectPositionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly projects: ProjectsService,
  ) {}

  /** 404 alike for a project that does not exist and one the caller may not read (ProjectsService.get). */
  async position(user: AuthUser, projectId: string): Promise<ProjectPositionResponse> {
    const { project, definition } = await this.projects.authorize(user, projectId, 'read');
    const [tasks, audit, incidents] = await Promise.all([
      this.dataSource.getRepository(TaskEntity).find({ where: { projectId }, order: { createdAt: 'ASC' } }),
      loadTimelineSources(this.dataSource.manager, projectId),
      this.dataSource.getRepository(IncidentEntity).find({ where: { projectId, status: 'open' }, order: { openedAt: 'ASC' } }),
    ]);
    const standing = projectStanding(definition, {
      tasks: tasks.map((task) => ({ ...task, assignee: task.claimedBy ?? task.assigneeUser, role: task.candidateRole })),
      audit,
      incidents,
    });
    return { projectId, status: project.status, definition: project.definition, compiled: { ...definition }, ...standing };
  }
}
