import type { Task } from './task-queries';

/** One side's decision on an approval, or its wait for one. */
export interface SignatureLine {
  title: string;
  outcome?: string | null;
  by?: string | null;
  at?: string | null;
  /** The version of the submission it was given on (see Task['submission']). */
  version: number | null;
  pending: boolean;
  status: Task['status'];
}

/**
 * The decisions on this approval's slots (several for a dual signature): its siblings done so
 * far, earlier rounds' included, then this one.
 */
export function approvalSignatures(task: Task): SignatureLine[] {
  if (task.kind !== 'approval') return [];
  const siblings = task.decidedSoFar
    .filter((step) => step.stepId === task.stepId)
    .map((step) => ({
      title: step.title,
      outcome: step.outcome,
      by: step.completedBy,
      at: step.completedAt,
      version: step.submissionVersion ?? null,
      pending: false,
      status: 'completed' as const,
    }));
  const own = {
    title: task.title,
    outcome: task.outcome,
    by: task.completedBy,
    at: task.closedAt,
    version: task.submission?.version ?? null,
    pending: task.status === 'open',
    status: task.status,
  };
  return [...siblings, own];
}
