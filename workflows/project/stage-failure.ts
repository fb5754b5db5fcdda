import { workflowInfo } from '@temporalio/workflow';
import { type StageFinished, SYSTEM_ACTOR } from '@accord/contracts';
import { activities } from '../activities.proxy';
import { awaitIncidentResolution } from '../incidents';
import type { ProjectRun } from './project-run';

/** A failed stage becomes an incident of the project; it waits until an admin decides. */
export function awaitStageIncident(stageId: string, ended: StageFinished): Promise<'retry' | 'skip' | 'cancel'> {
  const failure = ended.failure!;
  return awaitIncidentResolution({
    kind: 'stage-failed',
    activity: null,
    stageId,
    stepId: failure.stepId,
    failedWorkflowId: ended.workflowId,
    errorType: failure.errorType,
    message: failure.message,
    attempts: 1,
    skippable: true,
  });
}

/** A skipped stage's tasks (its cadences' and action items' too) are nobody's to do any more. */
export async function closeAbandonedTasks(project: ProjectRun, stageId: string, run: number, workflowId: string): Promise<void> {
  await activities.closeAbandonedTasks({
    projectId: project.projectId,
    workflowIdPrefix: workflowId,
    reason: `stage ${stageId} was skipped after it failed`,
    at: new Date().toISOString(),
    audit: project.audit(`${stageId}:${run}:stage.tasks-abandoned:${workflowInfo().runId}`, {
      action: 'task.cancelled',
      actor: SYSTEM_ACTOR,
      subject: stageId,
      reason: `stage ${stageId} was skipped after it failed`,
      detail: { workflowId },
    }),
  });
}
