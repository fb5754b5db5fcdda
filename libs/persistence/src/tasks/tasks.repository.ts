import type { DataSource } from 'typeorm';
import type { AccessCaller } from '../access/access.repository';
import { AuditEventEntity } from '../entities/audit-event.entity';
import { ProjectEntity } from '../entities/project.entity';
import { TaskEntity } from '../entities/task.entity';

/** Tasks as the API reads them one by one: the task, its project, its history and the steps decided before it. */
export class TasksRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The task with this id and the caller's roles in its project that their credential confirms
   * (as AccessRepository.rolesIn answers them), in one round trip: every decision asks both first.
   */
  async findWithCallerRoles(taskId: string, caller: AccessCaller): Promise<{ task: TaskEntity; callerRoles: string[] } | null> {
    const { entities, raw } = await this.dataSource
      .getRepository(TaskEntity)
      .createQueryBuilder('task')
      .addSelect(
        `ARRAY(SELECT member.role FROM project_members member
                WHERE member.project_id = task.project_id AND member.user_id = :userId AND member.role = ANY(:roles) ORDER BY member.role)`,
        'caller_roles',
      )
      .where('task.id = :taskId', { taskId, userId: caller.userId, roles: [...caller.roles] })
      .getRawAndEntities<{ caller_roles: string[] }>();
    return entities.length === 0 ? null : { task: entities[0], callerRoles: raw[0].caller_roles };
  }

  /** The project with this id; rejects (EntityNotFoundError) when there is none. */
  project(projectId: string): Promise<ProjectEntity> {
    return this.dataSource.getRepository(ProjectEntity).findOneByOrFail({ id: projectId });
  }

  /** What was recorded of the task, oldest first. */
  history(taskId: string): Promise<AuditEventEntity[]> {
    return this.dataSource.getRepository(AuditEventEntity).find({ where: { subject: taskId }, order: { seq: 'ASC' } });
  }

  /** The tasks completed so far in a workflow run of the project, in the order they were closed. */
  decidedInRun(projectId: string, workflowId: string): Promise<TaskEntity[]> {
    return this.dataSource.getRepository(TaskEntity).find({ where: { projectId, workflowId, status: 'completed' }, order: { closedAt: 'ASC' } });
  }
}
