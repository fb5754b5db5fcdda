import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { DataSource } from 'typeorm';
import {
  type CompleteTaskResult,
  completeTaskUpdate,
  decodeTaskRejection,
  type TaskAction,
  type TaskActionResult,
  taskActionUpdate,
  TaskRejectionCode,
} from '@accord/contracts';
import { type TaskEntity, TasksRepository } from '@accord/persistence';
import { type AuthUser, isOverseer } from '../auth/auth-user';
import { ErrorCode, TaskException } from '../errors/accord.exception';
import { DefinitionRegistryService } from '../definitions/definition-registry.service';
import type { CompleteTaskDto } from './dto/complete-task.dto';
import type { TaskResponse } from './dto/task.response';
import { toSummary } from './task-summary';
import { approvalSubmitter, submissionBefore } from './approval-submission';
import { ProjectAccessService } from '../projects/project-access.service';
import { ApiMetrics } from '../metrics/api-metrics';

const REJECTION_CODES: Record<TaskRejectionCode, ErrorCode> = {
  [TaskRejectionCode.NOT_FOUND]: ErrorCode.TASK_NOT_OPEN,
  [TaskRejectionCode.ALREADY_COMPLETED]: ErrorCode.TASK_ALREADY_COMPLETED,
  [TaskRejectionCode.CANCELLED]: ErrorCode.TASK_CANCELLED,
  [TaskRejectionCode.EXPIRED]: ErrorCode.TASK_EXPIRED,
  [TaskRejectionCode.CLAIMED_BY_OTHER]: ErrorCode.TASK_CLAIMED_BY_OTHER,
  [TaskRejectionCode.NOT_CLAIMED]: ErrorCode.TASK_NOT_CLAIMED,
  [TaskRejectionCode.NOT_SUBMITTER]: ErrorCode.FORBIDDEN,
  [TaskRejectionCode.FORBIDDEN]: ErrorCode.FORBIDDEN,
  [TaskRejectionCode.INVALID_OUTCOME]: ErrorCode.TASK_INVALID_OUTCOME,
  [TaskRejectionCode.INVALID_DATA]: ErrorCode.TASK_INVALID_DATA,
};

@Injectable()
export class TasksService {
  private readonly tasks: TasksRepository;

  constructor(
    dataSource: DataSource,
    private readonly temporal: Client,
    private readonly registry: DefinitionRegistryService,
    private readonly access: ProjectAccessService,
    private readonly metrics: ApiMetrics,
  ) {
    this.tasks = new TasksRepository(dataSource);
  }

  async get(user: AuthUser, taskId: string): Promise<TaskResponse> {
    const { task } = await this.findVisible(user, taskId);
    const [project, history, decided] = await Promise.all([
      this.tasks.project(task.projectId),
      this.tasks.history(taskId),
      this.tasks.decidedInRun(task.projectId, task.workflowId),
    ]);
    const definition = await this.registry.find(project.definitionKey, project.definitionVersion);
    const form = task.formId ? definition?.compiled.forms[task.formId] : undefined;
    const submission = task.kind === 'approval' ? submissionBefore(decided, task.createdAt) : null;
    const submittedBy = task.kind === 'approval' ? approvalSubmitter(task.submittedBy, submission) : null;
    return {
      ...toSummary(task),
      projectName: project.name,
      form: form ? { ...form } : null,
      outcome: task.outcome,
      completedBy: task.completedBy,
      closedAt: task.closedAt?.toISOString() ?? null,
      agenda: task.agenda,
      submittedBy,
      mayWithdraw: task.status === 'open' && submittedBy === user.userId,
      submission: submission && { ...submission, submittedAt: submission.submittedAt.toISOString() },
      history: history.map((event) => ({ action: event.action, actor: event.actor, at: event.at.toISOString(), reason: event.reason, detail: event.detail })),
      decidedSoFar: decided
        .filter((step) => step.id !== task.id)
        .map((step) => ({
          stepId: step.stepId,
          title: step.title,
          outcome: step.outcome,
          data: step.completionData,
          comment: step.comment,
          completedBy: step.completedBy,
          completedAt: step.closedAt?.toISOString() ?? null,
          // A decision was given on what the approval opened on: the submission before that slot's task.
          submissionVersion: step.kind === 'approval' ? (submissionBefore(decided, step.createdAt)?.version ?? null) : null,
        })),
    };
  }

  /**
   * Delivers a decision to the workflow that owns the task, as a Temporal update whose id
   * is the request id: a repeat returns the first result and changes nothing.
   */
  async complete(user: AuthUser, taskId: string, dto: CompleteTaskDto, headerRequestId: string | undefined): Promise<CompleteTaskResult> {
    const { task, roles } = await this.findVisible(user, taskId);
    const requestId = headerRequestId ?? dto.requestId ?? randomUUID();
    if (task.status !== 'open') {
      if (task.status === 'completed' && task.completionRequestId === requestId) return storedResult(task);
      throw closedTask(task);
    }
    const outcome = dto.outcome ?? (task.outcomes.length === 1 ? task.outcomes[0] : undefined);
    if (outcome === undefined) {
      throw new TaskException(ErrorCode.VALIDATION_FAILED, `Choose an outcome: ${task.outcomes.join(', ')}`, [
        { path: 'outcome', message: `must be one of ${task.outcomes.join(', ')}` },
      ]);
    }
    const actor = actorIn(user, task, roles);
    const result = await this.deliver(taskId, () =>
      this.temporal.workflow.getHandle(task.workflowId).executeUpdate(completeTaskUpdate, {
        args: [{ taskId, actor, outcome, data: dto.data ?? {}, comment: dto.comment, requestId }],
        updateId: requestId,
      }),
    );
    this.metrics.decided(result.outcome);
    return result;
  }

  /**
   * Claims, releases, delegates, comments on or withdraws an open task, through the workflow
   * that owns it. Withdrawing takes the path of every action: the submitter sees the approval
   * (findVisible), and the workflow checks that they are its submitter.
   */
  async act(user: AuthUser, taskId: string, action: TaskAction, requestId: string | undefined): Promise<TaskActionResult> {
    const { task, roles } = await this.findVisible(user, taskId);
    if (task.status !== 'open') throw closedTask(task);
    const actor = actorIn(user, task, roles);
    if (action.kind === 'delegate') await this.assertMayHold(action.to, task);
    const id = requestId ?? randomUUID();
    return this.deliver(taskId, () =>
      this.temporal.workflow.getHandle(task.workflowId).executeUpdate(taskActionUpdate, {
        args: [{ taskId, actor, action, requestId: id }],
        updateId: id,
      }),
    );
  }

  /**
   * A task is delegated only to a member who may hold it: a colleague in any of the company's
   * roles in the project, or, for a task offered to an outside party (the customer), a member
   * in that role. Nobody outside the project, and no customer, gets the company's work.
   */
  private async assertMayHold(userId: string, task: TaskEntity): Promise<void> {
    const memberships = await this.access.membershipsOf(userId, task.projectId);
    const outside = task.candidateRole !== null && (await this.access.isExternalRole(task.projectId, task.candidateRole));
    const holds = outside ? memberships.some((membership) => membership.role === task.candidateRole) : memberships.some((membership) => !membership.external);
    if (!holds) {
      const message =
        memberships.length === 0
          ? `${userId} is no member of this project: delegate to someone who may hold the task`
          : outside
            ? `${userId} is not this project's ${task.candidateRole}: only they may hold the task`
            : `${userId} takes part in this project only as ${memberships.map((membership) => membership.role).join(', ')}: delegate to a colleague in one of its internal roles`;
      throw new TaskException(ErrorCode.TASK_INVALID_DATA, message, [{ path: 'to', message }]);
    }
  }

  /** Sends an update and turns the workflow's refusals into API errors with their codes. */
  private async deliver<T>(taskId: string, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
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

  /**
   * The task, if the caller may see it: a member of its project to whom it is assigned,
   * delegated or claimed, who did it, or who submitted what it approves; offered to a role
   * they hold in its project; or they oversee every project. With the caller's roles in its
   * project, which acting on it needs too: read once per request.
   */
  private async findVisible(user: AuthUser, taskId: string): Promise<{ task: TaskEntity; roles: string[] }> {
    const found = await this.tasks.findWithCallerRoles(taskId, user);
    if (!found) throw new TaskException(ErrorCode.TASK_NOT_FOUND, `No task ${taskId}`);
    const { task, callerRoles: roles } = found;
    // The submitter of an approval follows it, and may withdraw it, though the approvers are others.
    // Only members: someone removed from the project no longer sees what was theirs in it.
    const byRole = task.candidateRole !== null && roles.includes(task.candidateRole);
    const visible =
      byRole ||
      isOverseer(user) ||
      (roles.length > 0 && ([task.assigneeUser, task.claimedBy, task.completedBy].includes(user.userId) || (await this.submitterOf(task)) === user.userId));
    // A task the caller may not see answers as one that does not exist: its existence does not leak.
    if (!visible) throw new TaskException(ErrorCode.TASK_NOT_FOUND, `No task ${taskId}`);
    return { task, roles };
  }

  /**
   * Who submitted what an approval decides on: as recorded, or for an approval opened before the
   * workflow recorded it, inferred as the workflow infers it, so that its submitter still finds it
   * to withdraw (the workflow lets them) and sees it as `get` describes it.
   */
  private async submitterOf(task: TaskEntity): Promise<string | null> {
    if (task.kind !== 'approval' || task.submittedBy !== null) return task.submittedBy;
    const decided = await this.tasks.decidedInRun(task.projectId, task.workflowId);
    return approvalSubmitter(null, submissionBefore(decided, task.createdAt));
  }
}

/**
 * Who acts, as the workflow sees them: their roles are their memberships in the task's
 * project (that their token confirms), never their token's roles alone. Someone who is no
 * member (an overseer, a member who left) decides nothing, whatever the task says of them.
 */
function actorIn(user: AuthUser, task: TaskEntity, roles: string[]): { userId: string; roles: string[] } {
  if (roles.length === 0)
    throw new TaskException(
      ErrorCode.FORBIDDEN,
      `Deciding task ${task.id} needs a member of its project${isOverseer(user) ? ': overseers read, they do not act' : ''}`,
    );
  return { userId: user.userId, roles };
}

/** Why a closed task takes no more decisions, as the error the caller gets (409). */
function closedTask(task: TaskEntity): TaskException {
  switch (task.status) {
    case 'completed':
      return new TaskException(ErrorCode.TASK_ALREADY_COMPLETED, `Task ${task.id} was already completed by ${task.completedBy}`);
    case 'cancelled':
      return new TaskException(ErrorCode.TASK_CANCELLED, `Task ${task.id} was cancelled`);
    case 'expired':
      return new TaskException(ErrorCode.TASK_EXPIRED, `Task ${task.id} expired: it was decided automatically (${task.outcome}) when time ran out`);
    case 'open':
      return new TaskException(ErrorCode.INTERNAL, `Task ${task.id} is open`);
  }
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
