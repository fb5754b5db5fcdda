import { ApplicationFailure } from '@temporalio/workflow';
import type { AuditAction, TaskAction, TaskActionResult, TaskActionInput } from '@accord/contracts';
import type { StageRun } from './stage-run';

const AUDITED_AS: Record<TaskAction['kind'], AuditAction> = {
  claim: 'task.claimed',
  release: 'task.released',
  delegate: 'task.delegated',
  comment: 'task.commented',
  withdraw: 'approval.withdrawn',
  'hand-back': 'task.handed-back',
};

/** A claim, release, delegation, comment, withdrawal or hand-back on an open task, validated before it reaches here. */
export async function applyTaskAction(stage: StageRun, { taskId: id, actor, action, requestId }: TaskActionInput): Promise<TaskActionResult> {
  const task = stage.tasks.get(id)!;
  const before = { assignee: task.assignee, claimedBy: task.claimedBy ?? null };
  switch (action.kind) {
    case 'claim':
      task.claimedBy = actor.userId;
      break;
    case 'release':
      task.claimedBy = undefined;
      break;
    case 'delegate':
      task.assignee = { user: action.to };
      task.claimedBy = undefined;
      break;
    case 'comment':
      break;
    case 'withdraw':
      // Takes effect once audited (below), so the trail shows it before the cancellations it causes.
      break;
    case 'hand-back':
      if (task.claimedBy === action.from) task.claimedBy = undefined;
      if ('user' in task.assignee && task.assignee.user === action.from) {
        const offered = task.opened.assignee;
        task.assignee = 'role' in offered ? offered : action.toRole ? { role: action.toRole } : task.assignee;
      }
      break;
    default: {
      const unknown: never = action;
      throw ApplicationFailure.nonRetryable(`Unknown task action ${JSON.stringify(unknown)}`);
    }
  }
  const entry = stage.audit(`${id}:${action.kind}:${requestId}`, {
    action: AUDITED_AS[action.kind],
    actor: actor.userId,
    subject: id,
    requestId,
    reason: action.kind === 'comment' ? action.text : action.kind === 'hand-back' ? `${action.from} left the project` : undefined,
    detail: action.kind === 'delegate' || action.kind === 'hand-back' ? { from: before.assignee, to: task.assignee, claimedBy: before.claimedBy } : {},
  });
  const writes = stage.decisionWrites();
  if (action.kind === 'comment' || action.kind === 'withdraw') await writes.recordAudit(entry);
  else await writes.recordTaskAssignment({ taskId: id, assignee: task.assignee, claimedBy: task.claimedBy ?? null, audit: entry });
  if (action.kind === 'withdraw') stage.withdrawnBy.set(task.opened.stepId, actor.userId);
  return { taskId: id, assignee: task.assignee, claimedBy: task.claimedBy ?? null, requestId };
}
