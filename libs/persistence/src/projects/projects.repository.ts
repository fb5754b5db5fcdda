import type { DataSource } from 'typeorm';
import type { TimelineSource } from '@accord/domain';
import type { AccessCaller } from '../access/access.repository';
import { AuditEventEntity } from '../entities/audit-event.entity';
import { IncidentEntity } from '../entities/incident.entity';
import { ProjectMemberEntity } from '../entities/project-member.entity';
import { ProjectEntity } from '../entities/project.entity';
import { TaskEntity } from '../entities/task.entity';
import { loadTimelineSources } from '../queries/timeline-sources.query';

/** A project's row as one caller looks at it. */
export interface ProjectInView {
  project: ProjectEntity;
  openIncidents: number;
  /** The caller's roles in the project that their credential confirms (none without a caller). */
  callerRoles: string[];
}

/** The read model of projects as the API reads it. */
export class ProjectsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The project with its count of open incidents and the caller's roles in it: one statement, which is all an access check needs. */
  async findInView(projectId: string, caller?: AccessCaller): Promise<ProjectInView | undefined> {
    const { entities, raw } = await this.dataSource
      .getRepository(ProjectEntity)
      .createQueryBuilder('project')
      .addSelect(`(SELECT count(*) FROM incidents incident WHERE incident.project_id = project.id AND incident.status = 'open')::int`, 'open_incidents')
      .addSelect(
        `ARRAY(SELECT member.role FROM project_members member WHERE member.project_id = project.id AND member.user_id = :userId AND member.role = ANY(:roles) ORDER BY member.role)`,
        'caller_roles',
      )
      .where('project.id = :projectId', { projectId, userId: caller?.userId ?? null, roles: [...(caller?.roles ?? [])] })
      .getRawAndEntities<{ open_incidents: number; caller_roles: string[] }>();
    const [project] = entities;
    if (!project) return undefined;
    return { project, openIncidents: raw[0].open_incidents, callerRoles: raw[0].caller_roles };
  }

  /** Every recorded decision and engine step of a project, oldest first. */
  auditTrail(projectId: string): Promise<AuditEventEntity[]> {
    return this.dataSource.getRepository(AuditEventEntity).find({ where: { projectId }, order: { seq: 'ASC' } });
  }

  /** Every task of the project, oldest first. */
  tasks(projectId: string): Promise<TaskEntity[]> {
    return this.dataSource.getRepository(TaskEntity).find({ where: { projectId }, order: { createdAt: 'ASC' } });
  }

  /** The project's open incidents, oldest first. */
  openIncidents(projectId: string): Promise<IncidentEntity[]> {
    return this.dataSource.getRepository(IncidentEntity).find({ where: { projectId, status: 'open' }, order: { openedAt: 'ASC' } });
  }

  /** What the project's timeline and position are drawn from. */
  timelineSources(projectId: string): Promise<TimelineSource[]> {
    return loadTimelineSources(this.dataSource.manager, projectId);
  }

  /** The team, by user then role. */
  members(projectId: string): Promise<ProjectMemberEntity[]> {
    return this.dataSource.getRepository(ProjectMemberEntity).find({ where: { projectId }, order: { userId: 'ASC', role: 'ASC' } });
  }

  /**
   * The open tasks a user gives back on leaving a role in the project: those they claimed in
   * that role, and, when they left the project altogether, any they claimed or were handed personally.
   */
  async openTasksHeld(projectId: string, userId: string, role: string, leftProject: boolean): Promise<{ id: string; workflowId: string }[]> {
    const rows: { id: string; workflow_id: string }[] = await this.dataSource.query(
      `SELECT id, workflow_id FROM tasks WHERE project_id = $1 AND status = 'open'
          AND ((claimed_by = $2 AND candidate_role = $3) OR ($4 AND (claimed_by = $2 OR assignee_user = $2)))`,
      [projectId, userId, role, leftProject],
    );
    return rows.map((row) => ({ id: row.id, workflowId: row.workflow_id }));
  }
}
