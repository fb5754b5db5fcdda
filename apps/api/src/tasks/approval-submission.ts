import { SYSTEM_ACTOR, type TaskKind } from '@accord/contracts';

/** A completed task of one stage run, as far as submissions go. */
export interface CompletedStep {
  stepId: string;
  kind: TaskKind;
  title: string;
  completedBy: string | null;
  closedAt: Date | null;
}

/** The work an approval decides on: a step's completion, and which of its completions in the stage run it is. */
export interface Submission {
  stepId: string;
  title: string;
  /** 1 for the step's first completion in the stage run, 2 after one return for rework, … */
  version: number;
  submittedBy: string;
  submittedAt: Date;
}

/**
 * What an approval opened at `openedAt` decides on: the stage run's last step done by hand
 * before it, as the workflow infers its submitter (stage.workflow.ts, runApproval). Approval
 * decisions are not submissions: the workflow records those steps as the engine's.
 */
export function submissionBefore(completed: readonly CompletedStep[], openedAt: Date): Submission | null {
  const submissions = completed
    .filter(
      (step): step is CompletedStep & { completedBy: string; closedAt: Date } =>
        step.kind !== 'approval' && step.completedBy !== null && step.completedBy !== SYSTEM_ACTOR && step.closedAt !== null,
    )
    // The approval opens in the same workflow activation as the completion before it: same clock.
    .filter((step) => step.closedAt.getTime() <= openedAt.getTime())
    .sort((a, b) => a.closedAt.getTime() - b.closedAt.getTime());
  const latest = submissions.at(-1);
  if (!latest) return null;
  return {
    stepId: latest.stepId,
    title: latest.title,
    version: submissions.filter((step) => step.stepId === latest.stepId).length,
    submittedBy: latest.completedBy,
    submittedAt: latest.closedAt,
  };
}

/**
 * Who submitted an approval: as the workflow recorded it on the task, or, for tasks opened
 * before it did, as it would have inferred it from the submission.
 */
export function approvalSubmitter(recorded: string | null, submission: Submission | null): string | null {
  return recorded ?? submission?.submittedBy ?? null;
}
