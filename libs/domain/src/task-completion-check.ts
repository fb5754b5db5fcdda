import type { Assignee, CompleteTaskInput, FieldError, FormSchema, TaskActionInput, TaskRejection, TaskStatus } from '@accord/contracts';
import { SYSTEM_ACTOR, TaskRejectionCode } from '@accord/contracts';
import { validateFormData } from './form-data-validation';

/** What a workflow knows about one of its tasks when a completion arrives. */
export interface TaskUnderDecision {
  assignee: Assignee;
  outcomes: string[];
  form?: FormSchema;
  status: TaskStatus;
  /** Whoever claimed the task; while claimed, nobody else may complete or claim it. */
  claimedBy?: string;
  /** For approval tasks: who submitted the work being approved, and so may withdraw it. */
  submittedBy?: string;
  /** Rules on the meaning of valid form data (SMART goals feeding a baseline); each problem has a path in `data`. */
  meaning?: (data: Record<string, unknown>) => FieldError[];
}

/** Whether the actor is among those the task is offered to. */
export function isOfferedTo(assignee: Assignee, actor: { userId: string; roles: string[] }): boolean {
  return 'role' in assignee ? actor.roles.includes(assignee.role) : actor.userId === assignee.user;
}

function notOpen(task: TaskUnderDecision, taskId: string): TaskRejection | undefined {
  if (task.status === 'completed') return { code: TaskRejectionCode.ALREADY_COMPLETED, message: `Task ${taskId} is already completed`, details: [] };
  if (task.status === 'cancelled') return { code: TaskRejectionCode.CANCELLED, message: `Task ${taskId} was cancelled`, details: [] };
  if (task.status === 'expired')
    return { code: TaskRejectionCode.EXPIRED, message: `Task ${taskId} expired: it was decided automatically when time ran out`, details: [] };
  return undefined;
}

function offeredTo(assignee: Assignee): string {
  return 'role' in assignee ? `role ${assignee.role}` : `user ${assignee.user}`;
}

/** Why a claim, release, delegation or comment must be refused, or undefined when it may be applied. */
export function checkTaskAction(task: TaskUnderDecision | undefined, input: TaskActionInput): TaskRejection | undefined {
  if (!task) return { code: TaskRejectionCode.NOT_FOUND, message: `Task ${input.taskId} is not open in this stage`, details: [] };
  const closed = notOpen(task, input.taskId);
  if (closed) return closed;
  const { actor, action } = input;
  if (action.kind === 'hand-back') {
    if (actor.userId !== SYSTEM_ACTOR)
      return { code: TaskRejectionCode.FORBIDDEN, message: 'Only the engine hands tasks back when someone leaves a project', details: [] };
    const held = task.claimedBy === action.from || ('user' in task.assignee && task.assignee.user === action.from);
    return held
      ? undefined
      : {
          code: TaskRejectionCode.INVALID_DATA,
          message: `Task ${input.taskId} is not held by ${action.from}`,
          details: [{ path: 'from', message: `does not hold the task` }],
        };
  }
  if (action.kind === 'withdraw') {
    return task.submittedBy === actor.userId
      ? undefined
      : {
          code: TaskRejectionCode.NOT_SUBMITTER,
          message: `Only the submitter${task.submittedBy ? ` (${task.submittedBy})` : ''} may withdraw this request`,
          details: [],
        };
  }
  const claimant = task.claimedBy === actor.userId;
  if (!claimant && !isOfferedTo(task.assignee, actor)) {
    return { code: TaskRejectionCode.FORBIDDEN, message: `Task ${input.taskId} is offered to ${offeredTo(task.assignee)}`, details: [] };
  }
  if (task.claimedBy && !claimant && action.kind !== 'comment') {
    return { code: TaskRejectionCode.CLAIMED_BY_OTHER, message: `Task ${input.taskId} is claimed by ${task.claimedBy}`, details: [] };
  }
  if (action.kind === 'release' && !claimant) {
    return { code: TaskRejectionCode.NOT_CLAIMED, message: `Task ${input.taskId} is not claimed by ${actor.userId}`, details: [] };
  }
  if (action.kind === 'delegate' && action.to === actor.userId) {
    return { code: TaskRejectionCode.INVALID_DATA, message: 'Delegate to someone else', details: [{ path: 'to', message: 'must be another user' }] };
  }
  return undefined;
}

/**
 * Why a completion must be refused, or undefined when it may be applied. Pure, so an
 * update validator can run it before anything is written to history.
 */
export function checkTaskCompletion(task: TaskUnderDecision | undefined, input: CompleteTaskInput): TaskRejection | undefined {
  if (!task) {
    return { code: TaskRejectionCode.NOT_FOUND, message: `Task ${input.taskId} is not open in this stage`, details: [] };
  }
  const closed = notOpen(task, input.taskId);
  if (closed) return closed;
  const claimant = task.claimedBy === input.actor.userId;
  if (!claimant && !isOfferedTo(task.assignee, input.actor)) {
    return { code: TaskRejectionCode.FORBIDDEN, message: `Task ${input.taskId} is offered to ${offeredTo(task.assignee)}`, details: [] };
  }
  if (task.claimedBy && !claimant) {
    return { code: TaskRejectionCode.CLAIMED_BY_OTHER, message: `Task ${input.taskId} is claimed by ${task.claimedBy}`, details: [] };
  }
  if (!task.outcomes.includes(input.outcome)) {
    return {
      code: TaskRejectionCode.INVALID_OUTCOME,
      message: `Outcome must be one of ${task.outcomes.join(', ')}`,
      details: [{ path: 'outcome', message: `must be one of ${task.outcomes.join(', ')}` }],
    };
  }
  if (task.form) {
    const shape = validateFormData(task.form, input.data);
    const details = shape.length > 0 ? shape : (task.meaning?.(input.data) ?? []);
    if (details.length > 0) {
      return {
        code: TaskRejectionCode.INVALID_DATA,
        message: 'The form data is invalid',
        details: details.map((d) => ({ ...d, path: d.path ? `data.${d.path}` : 'data' })),
      };
    }
  }
  return undefined;
}
