import { PRIORITY_NAME, type TaskEntity } from '@accord/persistence';
import type { TaskSummaryResponse } from './dto/task.response';

/** What a list reads of a task. */
export type SummarisedTask = Pick<
  TaskEntity,
  | 'id'
  | 'projectId'
  | 'stageId'
  | 'stepId'
  | 'kind'
  | 'title'
  | 'candidateRole'
  | 'assigneeUser'
  | 'claimedBy'
  | 'priority'
  | 'pausedMs'
  | 'pausedSince'
  | 'formId'
  | 'outcomes'
  | 'status'
  | 'dueAt'
  | 'createdAt'
>;

/** A task as lists show it; overdue and paused time are worked out now, as the caller reads them. */
export function toSummary(task: SummarisedTask): TaskSummaryResponse {
  return {
    id: task.id,
    projectId: task.projectId,
    stageId: task.stageId,
    stepId: task.stepId,
    kind: task.kind,
    title: task.title,
    candidateRole: task.candidateRole,
    assignee: task.assigneeUser,
    claimedBy: task.claimedBy,
    priority: PRIORITY_NAME[task.priority],
    overdue: task.status === 'open' && task.pausedSince === null && task.dueAt !== null && task.dueAt.getTime() < Date.now(),
    paused: task.status === 'open' && task.pausedSince !== null,
    pausedMs: Number(task.pausedMs) + (task.status === 'open' && task.pausedSince ? Date.now() - task.pausedSince.getTime() : 0),
    status: task.status,
    outcomes: task.outcomes,
    formId: task.formId,
    dueAt: task.dueAt?.toISOString() ?? null,
    createdAt: task.createdAt.toISOString(),
  };
}
