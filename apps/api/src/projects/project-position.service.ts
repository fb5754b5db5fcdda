import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IncidentEntity, loadTimelineSources, TaskEntity } from '@accord/persistence';
import type { AuthUser } from '../auth/auth-user';
import { DefinitionRegistryService } from '../definitions/definition-registry.service';
import { ErrorCode, ProjectException } from '../errors/accord.exception';
import { projectStanding } from './project-position.standing';
import type { ProjectPositionResponse } from './project-position.responses';
import { ProjectsService } from './projects.service';

/** Where a project stands on its definition's diagram, from the read model (tasks, audit events, incidents). */
@Injectable()
export class ProjectPositionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly projects: ProjectsService,
    private readonly registry: DefinitionRegistryService,
  ) {}

  async position(user: AuthUser, projectId: string): Promise<ProjectPositionResponse> {
    const project = await this.readable(user, projectId);
    const pinned = await this.registry.find(project.definition.key, project.definition.version);
    if (!pinned) throw new ProjectException(ErrorCode.INTERNAL, `Definition ${project.definition.key} v${project.definition.version} is missing from the registry`);
    const [tasks, audit, incidents] = await Promise.all([
      this.dataSource.getRepository(TaskEntity).find({ where: { projectId }, order: { createdAt: 'ASC' } }),
      loadTimelineSources(this.dataSource.manager, projectId),
      this.dataSource.getRepository(IncidentEntity).find({ where: { projectId, status: 'open' }, order: { openedAt: 'ASC' } }),
    ]);
    const standing = projectStanding(pinned.compiled, {
      tasks: tasks.map((task) => ({ ...task, assignee: task.claimedBy ?? task.assigneeUser, role: task.candidateRole })),
      audit,
      incidents,
    });
    return { projectId, status: project.status, definition: project.definition, compiled: { ...pinned.compiled }, ...standing };
  }

  /** The project, or 404 alike whether it does not exist or the caller may not read it. */
  private async readable(user: AuthUser, projectId: string) {
    try {
      return (await this.projects.authorize(user, projectId, 'read')).project;
    } catch (error) {
      if (error instanceof ProjectException && error.code === ErrorCode.FORBIDDEN) throw new ProjectException(ErrorCode.PROJECT_NOT_FOUND, `No project ${projectId}`);
      throw error;
    }
  }
}
