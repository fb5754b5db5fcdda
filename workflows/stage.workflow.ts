import { ApplicationFailure, allHandlersFinished, condition, setHandler, sleep, workflowInfo } from '@temporalio/workflow';
import {
  APPROVAL_OUTCOMES,
  type ApprovalDecision,
  type ApprovalStep,
  type AuditEntry,
  type CompleteTaskResult,
  type OpenedTask,
  type StageLiveState,
  type StageWorkflowInput,
  type StageWorkflowResult,
  type TaskStep,
  type TimerStep,
  completeTaskUpdate,
  encodeTaskRejection,
  stageStateQuery,
  SYSTEM_ACTOR,
  taskId,
} from '@accord/contracts';
import { approvalResult, decideApproval, openSlots, startApproval } from '@accord/approvals';
import { checkTaskCompletion, isoDurationToMs, type TaskUnderDecision } from '@accord/domain';
import { readModel } from './activities.proxy';

interface TrackedTask extends TaskUnderDecision {
  opened: OpenedTask;
  slot?: number;
}

interface Completion {
  taskId: string;
  outcome: string;
  by: string;
}

/** Runs one stage's steps in order; human decisions arrive as `completeTask` updates. */
export async function stageWorkflow(input: StageWorkflowInput): Promise<StageWorkflowResult> {
  const { projectId, stageId, run, definition } = input;
  const stage = definition.compiled.stages.find((candidate) => candidate.id === stageId);
  if (!stage) throw ApplicationFailure.nonRetryable(`Stage ${stageId} is not in ${definition.key} v${definition.version}`);
  const workflowId = workflowInfo().workflowId;

  const tasks = new Map<string, TrackedTask>();
  const completions: Completion[] = [];
  let currentStep: string | undefined;

  setHandler(stageStateQuery, (): StageLiveState => ({
    stageId,
    currentStep,
    openTaskIds: [...tasks].filter(([, task]) => task.status === 'open').map(([id]) => id),
  }));

  setHandler(
    completeTaskUpdate,
    async (completion): Promise<CompleteTaskResult> => {
      const task = tasks.get(completion.taskId)!;
      // Marked before the first await, so a concurrent second completion fails validation.
      task.status = 'completed';
      const completedAt = new Date().toISOString();
      await readModel.closeTask({
        taskId: completion.taskId,
        status: 'completed',
        at: completedAt,
        completedBy: completion.actor.userId,
        outcome: completion.outcome,
        data: completion.data,
        comment: completion.comment,
        requestId: completion.requestId,
        audit: audit(`${completion.taskId}:task.completed`, {
          action: task.opened.kind === 'approval' ? 'approval.decided' : 'task.completed',
          actor: completion.actor.userId,
          subject: completion.taskId,
          reason: completion.comment,
          requestId: completion.requestId,
          detail: { step: task.opened.stepId, outcome: completion.outcome, data: completion.data },
        }),
      });
      completions.push({ taskId: completion.taskId, outcome: completion.outcome, by: completion.actor.userId });
      return { taskId: completion.taskId, status: 'completed', outcome: completion.outcome, completedBy: completion.actor.userId, completedAt, requestId: completion.requestId };
    },
    {
      validator: (completion) => {
        const rejection = checkTaskCompletion(tasks.get(completion.taskId), completion);
        if (rejection) throw new Error(encodeTaskRejection(rejection));
      },
    },
  );

  for (const step of stage.steps) {
    currentStep = step.id;
    switch (step.type) {
      case 'task':
        await runTask(step);
        break;
      case 'approval':
        if ((await runApproval(step)) === 'rejected') return finish('rejected');
        break;
      case 'timer':
        await runTimer(step);
        break;
      default: {
        const unknown: never = step;
        throw ApplicationFailure.nonRetryable(`Unknown step type in ${JSON.stringify(unknown)}`);
      }
    }
  }
  return finish('completed');

  async function finish(outcome: StageWorkflowResult['outcome']): Promise<StageWorkflowResult> {
    currentStep = undefined;
    await condition(allHandlersFinished);
    return { stageId, outcome };
  }

  function audit(id: string, fields: Omit<AuditEntry, 'id' | 'projectId' | 'at'>): AuditEntry {
    return { id, projectId, at: new Date().toISOString(), ...fields };
  }

  async function openTask(opened: OpenedTask, tracked: Omit<TrackedTask, 'opened' | 'status'>): Promise<void> {
    tasks.set(opened.id, { ...tracked, opened, status: 'open' });
    await readModel.openTask({
      ...opened,
      audit: audit(`${opened.id}:task.opened`, {
        action: 'task.opened',
        actor: SYSTEM_ACTOR,
        subject: opened.id,
        detail: { step: opened.stepId, assignee: opened.assignee, dueAt: opened.dueAt ?? null },
      }),
    });
  }

  function taskBase(stepId: string, slot?: number): Pick<OpenedTask, 'id' | 'projectId' | 'workflowId' | 'stageId' | 'stepId' | 'openedAt'> {
    return { id: taskId({ projectId, stageId, run, stepId, slot, iteration: 1 }), projectId, workflowId, stageId, stepId, openedAt: new Date().toISOString() };
  }

  async function nextCompletion(of: (completion: Completion) => boolean): Promise<Completion> {
    await condition(() => completions.some(of));
    const index = completions.findIndex(of);
    return completions.splice(index, 1)[0];
  }

  async function runTask(step: TaskStep): Promise<void> {
    const base = taskBase(step.id);
    const dueAt = step.due ? new Date(Date.now() + isoDurationToMs(step.due)).toISOString() : undefined;
    const form = step.form ? definition.compiled.forms[step.form] : undefined;
    await openTask(
      { ...base, kind: 'task', title: step.name, assignee: step.assignee, form: step.form, outcomes: step.outcomes, dueAt },
      { assignee: step.assignee, outcomes: step.outcomes, form },
    );
    await nextCompletion((completion) => completion.taskId === base.id);
  }

  async function runApproval(step: ApprovalStep): Promise<'approved' | 'rejected'> {
    const { policy } = step;
    const form = step.form ? definition.compiled.forms[step.form] : undefined;
    const slotOf = new Map<string, number>();
    let snapshot = startApproval(policy);
    for (;;) {
      for (const slot of openSlots(policy, snapshot)) {
        const base = taskBase(step.id, slot);
        if (slotOf.has(base.id)) continue;
        slotOf.set(base.id, slot);
        const assignee = policy.approvers[slot];
        const title = policy.approvers.length > 1 ? `${step.name} (${slot + 1} of ${policy.approvers.length})` : step.name;
        await openTask(
          { ...base, kind: 'approval', title, assignee, form: step.form, outcomes: [...APPROVAL_OUTCOMES] },
          { assignee, outcomes: [...APPROVAL_OUTCOMES], form, slot },
        );
      }
      const result = approvalResult(policy, snapshot);
      if (result !== 'pending') {
        await cancelOpen([...slotOf.keys()], `approval ${result}`);
        return result;
      }
      const completion = await nextCompletion((candidate) => slotOf.has(candidate.taskId));
      snapshot = decideApproval(policy, snapshot, {
        slot: slotOf.get(completion.taskId)!,
        decision: completion.outcome as ApprovalDecision,
        by: completion.by,
      });
    }
  }

  async function cancelOpen(ids: string[], reason: string): Promise<void> {
    for (const id of ids) {
      const task = tasks.get(id);
      if (!task || task.status !== 'open') continue;
      task.status = 'cancelled';
      await readModel.closeTask({
        taskId: id,
        status: 'cancelled',
        at: new Date().toISOString(),
        audit: audit(`${id}:task.cancelled`, { action: 'task.cancelled', actor: SYSTEM_ACTOR, subject: id, reason, detail: {} }),
      });
    }
  }

  async function runTimer(step: TimerStep): Promise<void> {
    const firesAt = new Date(Date.now() + isoDurationToMs(step.duration)).toISOString();
    const subject = `${workflowId}/${step.id}`;
    await readModel.recordAudit(audit(`${subject}:timer.started`, { action: 'timer.started', actor: SYSTEM_ACTOR, subject, detail: { duration: step.duration, firesAt } }));
    await sleep(isoDurationToMs(step.duration));
    await readModel.recordAudit(audit(`${subject}:timer.fired`, { action: 'timer.fired', actor: SYSTEM_ACTOR, subject, detail: { duration: step.duration } }));
  }
}
