import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { type CompleteTaskResult, completeTaskUpdate, decodeTaskRejection, TaskRejectionCode } from '@accord/contracts';
import { isOfferedTo } from '@accord/domain';
import { TaskEntity } from '@accord/persistence';
import { type AuthUser, isOverseer } from '../auth/auth-user';
import { ErrorCode, TaskException } from '../errors/accord.exception';
import { DefinitionRegistryService } from '../definitions/definition-registry.service';
import type { CompleteTaskDto } from './dto/complete-task.dto';
import type { InboxResponse, TaskResponse, TaskSummaryResponse } from './dto/task.response';

const REJECTION_CODES: Record<TaskRejectionCode, ErrorCode> = {
  [TaskRejectionCode.NOT_FOUND]: ErrorCode.TASK_NOT_OPEN,
  [TaskRejectionCode.ALREADY_COMPLETED]: ErrorCode.TASK_ALREADY_COMPLETED,
  [TaskRejectionCode.CANCELLED]: ErrorCode.TASK_CANCELLED,
  [TaskRejectionCode.FORBIDDEN]: ErrorCode.FORBIDDEN,
  [TaskRejectionCode.INVALID_OUTCOME]: ErrorCode.TASK_INVALID_OUTCOME,
  [TaskRejectionCode.INVALID_DATA]: ErrorCode.TASK_INVALID_DATA,
};

@Injectable()
export class TasksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly temporal: Client,
    private readonly registry: DefinitionRegistryService,
  ) {}

  /** Open tasks assigned to the caller or offered to one of their roles, oldest first. */
  async inbox(user: AuthUser, limit: number): Promise<InboxResponse> {
    const query = this.dataSource
      .getRepository(TaskEntity)
      .createQueryBuilder('task')
      .where(`task.status = 'open'`)
      .andWhere('(task.assignee_user = :userId OR task.candidate_role = ANY(:roles))', { userId: user.userId, roles: user.roles });
    const [rows, total] = await query.orderBy('task.created_at', 'ASC').addOrderBy('task.id', 'ASC').take(limit).getManyAndCount();
    return { items: rows.map(toSummary), total };
  }

  async get(user: AuthUser, taskId: string): Promise<TaskResponse> {
    const task = await this.findVisible(user, taskId);
    const definition = task.formId ? await this.registryFormOf(task) : null;
    return {
      ...toSummary(task),
      form: definition,
      outcome: task.outcome,
      completedBy: task.completedBy,
      closedAt: task.closedAt?.toISOString() ?? null,
    };
  }

  /**
   * Delivers a decision to the workflow that owns the task, as a Temporal update whose id
   * is the request id: a repeat returns the first result and changes nothing.
   */
  async complete(user: AuthUser, taskId: string, dto: CompleteTaskDto, headerRequestId: string | undefined): Promise<CompleteTaskResult> {
    const task = await this.findVisible(user, taskId);
    const requestId = headerRequestId ?? dto.requestId ?? randomUUID();
    if (task.status !== 'open') {
      if (task.status === 'completed' && task.completionRequestId === requestId) return storedResult(task);
      throw task.status === 'completed'
        ? new TaskException(ErrorCode.TASK_ALREADY_COMPLETED, `Task ${taskId} was already completed by ${task.completedBy}`)
        : new TaskException(ErrorCode.TASK_CANCELLED, `Task ${taskId} was cancelled`);
    }
    const outcome = dto.outcome ?? (task.outcomes.length === 1 ? task.outcomes[0] : undefined);
    if (outcome === undefined) {
      throw new TaskException(ErrorCode.VALIDATION_FAILED, `Choose an outcome: ${task.outcomes.join(', ')}`, [
        { path: 'outcome', message: `must be one of ${task.outcomes.join(', ')}` },
      ]);
    }
    try {
      return await this.temporal.workflow.getHandle(task.workflowId).executeUpdate(completeTaskUpdate, {
        args: [{ taskId, actor: { userId: user.userId, roles: user.roles }, outcome, data: dto.data ?? {}, comment: dto.comment, requestId }],
        updateId: requestId,
      });
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError) {
        const rejection = decodeTaskRejection(error.cause?.message ?? '');
        if (rejection) throw new TaskException(REJECTION_CODES[rejection.code], rejection.message, rejection.details);
      }
      if (error instanceof WorkflowNotFoundError) {
        throw new TaskException(ErrorCode.TASK_NOT_OPEN, `Task ${taskId} is no longer open: its stage has ended`);
      }
      throw error;
    }
  }

  /** The task, if the caller may see it: it is offered to them, or they oversee every project. */
  private async findVisible(user: AuthUser, taskId: string): Promise<TaskEntity> {
    const task = await this.dataSource.getRepository(TaskEntity).findOneBy({ id: taskId });
    if (!task) throw new TaskException(ErrorCode.TASK_NOT_FOUND, `No task ${taskId}`);
    const assignee = task.assigneeUser ? { user: task.assigneeUser } : { role: task.candidateRole ?? '' };
    if (!isOfferedTo(assignee, user) && !isOverseer(user)) {
      const to = task.assigneeUser ? `user ${task.assigneeUser}` : `role ${task.candidateRole}`;
      throw new TaskException(ErrorCode.FORBIDDEN, `Task ${taskId} is offered to ${to}`);
    }
    return task;
  }

  private async registryFormOf(task: TaskEntity): Promise<Record<string, unknown> | null> {
    const project = await this.dataSource.query('SELECT definition_key, definition_version FROM projects WHERE id = $1', [task.projectId]);
    if (project.length === 0) return null;
    const definition = await this.registry.find(project[0].definition_key, project[0].definition_version);
    const form = definition?.compiled.forms[task.formId!];
    return form ? { ...form } : null;
  }
}

function toSummary(task: TaskEntity): TaskSummaryResponse {
  return {
    id: task.id,
    projectId: task.projectId,
    stageId: task.stageId,
    stepId: task.stepId,
    kind: task.kind,
    title: task.title,
    candidateRole: task.candidateRole,
    assignee: task.assigneeUser,
    status: task.status,
    outcomes: task.outcomes,
    formId: task.formId,
    dueAt: task.dueAt?.toISOString() ?? null,
    createdAt: task.createdAt.toISOString(),
  };
}

function storedResult(task: TaskEntity): CompleteTaskResult {
  return {
    taskId: task.id,
    status: 'completed',
    outcome: task.outcome!,
    completedBy: task.completedBy!,
    completedAt: task.closedAt!.toISOString(),
    requestId: task.completionRequestId!,
  };
}
