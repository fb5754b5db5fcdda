import { condition } from '@temporalio/workflow';
import { APPROVAL_OUTCOMES, type ApprovalDecision, type ApprovalStep, type Assignee, SYSTEM_ACTOR } from '@accord/contracts';
import { decideApproval, openSlots, startApproval, stepApproval } from '@accord/approvals';
import { addDuration } from '@accord/domain';
import { runEscalationLadder } from '../escalation-ladder';
import type { StageRun } from '../stage/stage-run';
import { applyRung, watch } from '../stage/task-watch';
import { pausable } from '../stage/tracked-task';
import type { StepRunner } from './step-runner';

/** An approval by its policy; a rejection goes back to the rework step while rounds remain, else it rejects the stage. */
export const approvalStep: StepRunner<'approval'> = async (stage, step) => {
  if ((await runApproval(stage, step)) === 'approved') return 'next';
  const rounds = stage.reworkRounds.get(step.id) ?? 0;
  if (!step.onReject || rounds >= step.onReject.maxRounds) return 'rejected';
  stage.reworkRounds.set(step.id, rounds + 1);
  return { goto: step.onReject.rework };
};

/**
 * Opens an approver's task per slot the policy's machine opens, steps the machine with each
 * decision (or a withdrawal), and records the signatures once it decides.
 */
async function runApproval(stage: StageRun, step: ApprovalStep): Promise<'approved' | 'rejected'> {
  const { policy } = step;
  const { calendar } = stage.compiled;
  const form = step.form ? stage.compiled.forms[step.form] : undefined;
  const slotOf = new Map<string, number>();
  /** When each slot was decided, for its signature. */
  const decidedAt = new Map<number, string>();
  const ladders: Promise<void>[] = [];
  let snapshot = startApproval(policy);
  const startedAt = new Date();
  // The submitter is whoever completed the stage's last step before this approval.
  const submittedBy = Object.values(stage.stageResults)
    .filter((result) => result.by !== SYSTEM_ACTOR)
    .at(-1)?.by;
  stage.withdrawnBy.delete(step.id);
  const { timeout } = step;
  if (timeout) {
    ladders.push(
      runEscalationLadder([timeout], startedAt, calendar, {
        isOpen: () => snapshot.result === 'pending',
        act: (rung) =>
          timeOut(
            stage,
            rung,
            [...slotOf.keys()].filter((id) => stage.tasks.get(id)?.status === 'open'),
          ),
      }),
    );
  }
  for (;;) {
    for (const slot of openSlots(policy, snapshot)) {
      const base = stage.taskBase(step.id, slot);
      if (slotOf.has(base.id)) continue;
      slotOf.set(base.id, slot);
      const assignee = policy.approvers[slot];
      const title = policy.approvers.length > 1 ? `${step.name} (${slot + 1} of ${policy.approvers.length})` : step.name;
      // Each slot is due counted from when it opened: a sequential approver's time starts with their turn.
      const dueAt = step.due ? addDuration(new Date(base.openedAt), step.due, calendar).toISOString() : undefined;
      await stage.openTask(
        { ...base, kind: 'approval', title, assignee, form: step.form, outcomes: [...APPROVAL_OUTCOMES], priority: 'normal', dueAt, submittedBy },
        { assignee, outcomes: [...APPROVAL_OUTCOMES], form, slot, submittedBy, ...pausable(step.pauseWhileWaitingOnExternal, dueAt) },
      );
      ladders.push(...watch(stage, base.id, step.escalations, step.pauseWhileWaitingOnExternal));
    }
    const { result } = snapshot;
    if (result !== 'pending') {
      await stage.closeOpen([...slotOf.keys()], 'cancelled', `approval ${result}`);
      await Promise.all(ladders);
      const signatures = snapshot.slots
        .filter((slot) => slot.decision !== undefined)
        .map((slot) => ({
          approver: describeAssignee(policy.approvers[slot.slot]),
          by: slot.decidedBy!,
          decision: slot.decision!,
          at: decidedAt.get(slot.slot),
        }));
      await stage.record(step.id, { outcome: result === 'approved' ? 'approve' : 'reject', data: { signatures }, by: SYSTEM_ACTOR });
      // Withdrawn work goes the way of a rejection: back for rework when the step allows it.
      return result === 'approved' ? 'approved' : 'rejected';
    }
    await condition(() => stage.withdrawnBy.has(step.id) || stage.completions.some((candidate) => slotOf.has(candidate.taskId)));
    if (stage.withdrawnBy.has(step.id)) {
      snapshot = stepApproval(policy, snapshot, { type: 'WITHDRAW', by: stage.withdrawnBy.get(step.id)! });
      continue;
    }
    const completion = await stage.nextCompletion((candidate) => slotOf.has(candidate.taskId));
    decidedAt.set(slotOf.get(completion.taskId)!, completion.at);
    snapshot = decideApproval(policy, snapshot, {
      slot: slotOf.get(completion.taskId)!,
      decision: completion.outcome as ApprovalDecision,
      by: completion.by,
    });
  }
}

/** An approval not decided in time: decide the open slots as the policy says, or hand them to someone else. */
async function timeOut(stage: StageRun, timeout: NonNullable<ApprovalStep['timeout']>, openIds: string[]): Promise<void> {
  for (const id of openIds) {
    if (timeout.outcome === 'escalate') await applyRung(stage, id, { after: timeout.after, action: 'reassign', to: timeout.to });
    else await applyRung(stage, id, { after: timeout.after, action: 'auto-decide', outcome: timeout.outcome });
  }
}

/** `role:customer` or `user:carl`: whom an approval slot was addressed to, for its signature. */
function describeAssignee(assignee: Assignee): string {
  return 'role' in assignee ? `role:${assignee.role}` : `user:${assignee.user}`;
}
