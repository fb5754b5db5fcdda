import type { Task } from './task-queries';

/** The workflow's actor for what nobody did by hand (timeouts, automatic steps). */
const SYSTEM_ACTOR = 'system';

/**
 * Who submitted the work an approval task decides on: the API's task does not carry it, so
 * it is read as the workflow decides it (stage.workflow.ts, runApproval): whoever completed
 * the stage's last step before this approval. The API stays the judge (403/422 otherwise).
 */
export function approvalSubmitter(task: Task): string | undefined {
  if (task.kind !== 'approval') return undefined;
  return task.decidedSoFar.filter((step) => step.stepId !== task.stepId && step.completedBy && step.completedBy !== SYSTEM_ACTOR).at(-1)?.completedBy ?? undefined;
}

/** The decisions on this approval's slots (several for a dual signature): its siblings done so far, then this one. */
export function approvalSignatures(task: Task): { title: string; outcome?: string | null; by?: string | null; at?: string | null; pending: boolean; status: Task['status'] }[] {
  if (task.kind !== 'approval') return [];
  const siblings = task.decidedSoFar.filter((step) => step.stepId === task.stepId).map((step) => ({ title: step.title, outcome: step.outcome, by: step.completedBy, at: step.completedAt, pending: false, status: 'completed' as const }));
  const own = { title: task.title, outcome: task.outcome, by: task.completedBy, at: task.closedAt, pending: task.status === 'open', status: task.status };
  return [...siblings, own];
}
