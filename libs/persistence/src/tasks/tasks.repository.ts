import type { DataSource } from 'typeorm';
import { AuditEventEntity } from '../entities/audit-event.entity';
import { ProjectEntity } from '../entities/project.entity';
import { TaskEntity } from '../entities/task.entity';

/** Tasks as the API reads them one by one: the task, its project, its history and the steps decided before it. */
export class TasksRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The task with this id. */
  find(taskId: string): Promise<TaskEntity | null> {
    return this.dataSource.getRepository(TaskEntity).findOneBy({ id: taskId });
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
