import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ProjectsRepository } from '@accord/persistence';
import type { AuthUser } from '../auth/auth-user';
import { projectStanding } from './project-position.standing';
import type { ProjectPositionResponse } from './project-position.responses';
import { ProjectsService } from './projects.service';

/** Where a project stands on its definition's diagram, from the read model (tasks, audit events, incidents). */
@Injectable()
export class ProjectPositionService {
  private readonly records: ProjectsRepository;

  constructor(
    dataSource: DataSource,
    private readonly projects: ProjectsService,
  ) {
    this.records = new ProjectsRepository(dataSource);
  }

  /** 404 alike for a project that does not exist and one the caller may not read (ProjectsService.get). */
  async position(user: AuthUser, projectId: string): Promise<ProjectPositionResponse> {
    const { project, definition } = await this.projects.authorize(user, projectId, 'read');
    const [tasks, audit, incidents] = await Promise.all([
      this.records.tasks(projectId),
      this.records.timelineSources(projectId),
      this.records.openIncidents(projectId),
    ]);
    const standing = projectStanding(definition, {
      tasks: tasks.map((task) => ({ ...task, assignee: task.claimedBy ?? task.assigneeUser, role: task.candidateRole })),
      audit,
      incidents,
    });
    return { projectId, status: project.status, definition: project.definition, compiled: { ...definition }, ...standing };
  }
}
