import type { Assignee, CompleteTaskInput, FormSchema, TaskRejection, TaskStatus } from '@accord/contracts';
import { TaskRejectionCode } from '@accord/contracts';
import { validateFormData } from './form-data-validation';

/** What a workflow knows about one of its tasks when a completion arrives. */
export interface TaskUnderDecision {
  assignee: Assignee;
  outcomes: string[];
  form?: FormSchema;
  status: TaskStatus;
}

/** Whether the actor is among those the task is offered to. */
export function isOfferedTo(assignee: Assignee, actor: { userId: string; roles: string[] }): boolean {
  return 'role' in assignee ? actor.roles.includes(assignee.role) : actor.userId === assignee.user;
}

/**
 * Why a completion must be refused, or undefined when it may be applied. Pure, so an
 * update validator can run it before anything is written to history.
 */
export function checkTaskCompletion(task: TaskUnderDecision | undefined, input: CompleteTaskInput): TaskRejection | undefined {
  if (!task) {
    return { code: TaskRejectionCode.NOT_FOUND, message: `Task ${input.taskId} is not open in this stage`, details: [] };
  }
  if (task.status === 'completed') {
    return { code: TaskRejectionCode.ALREADY_COMPLETED, message: `Task ${input.taskId} is already completed`, details: [] };
  }
  if (task.status === 'cancelled') {
    return { code: TaskRejectionCode.CANCELLED, message: `Task ${input.taskId} was cancelled`, details: [] };
  }
  if (!isOfferedTo(task.assignee, input.actor)) {
    const offeredTo = 'role' in task.assignee ? `role ${task.assignee.role}` : `user ${task.assignee.user}`;
    return { code: TaskRejectionCode.FORBIDDEN, message: `Task ${input.taskId} is offered to ${offeredTo}`, details: [] };
  }
  if (!task.outcomes.includes(input.outcome)) {
    return {
      code: TaskRejectionCode.INVALID_OUTCOME,
      message: `Outcome must be one of ${task.outcomes.join(', ')}`,
      details: [{ path: 'outcome', message: `must be one of ${task.outcomes.join(', ')}` }],
    };
  }
  if (task.form) {
    const details = validateFormData(task.form, input.data);
    if (details.length > 0) {
      return { code: TaskRejectionCode.INVALID_DATA, message: 'The form data is invalid', details: details.map((d) => ({ ...d, path: d.path ? `data.${d.path}` : 'data' })) };
    }
  }
  return undefined;
}
