import { allHandlersFinished, condition, getExternalWorkflowHandle, TemporalFailure } from '@temporalio/workflow';
import { type CancelProjectInput, type ProjectWorkflowResult, stageWorkflowId } from '@accord/contracts';
import { activities } from '../activities.proxy';
import type { ProjectRun } from './project-run';

/** Cancels every stage still running, closes what they left open, and ends the project as cancelled. */
export async function endCancelled(project: ProjectRun, request: CancelProjectInput): Promise<ProjectWorkflowResult> {
  const { projectId, state, subprocesses } = project;
  const running = [...(state.currentStage ? [stageWorkflowId(projectId, state.currentStage, 1)] : []), ...subprocesses.keys()];
  for (const workflowId of running) {
    try {
      await getExternalWorkflowHandle(workflowId).cancel();
    } catch (error) {
      // The stage ended meanwhile: there is nothing left to cancel.
      if (!(error instanceof TemporalFailure)) throw error;
    }
  }
  subprocesses.clear();
  const atStage = state.currentStage ?? null;
  state.status = 'cancelled';
  state.currentStage = undefined;
  await activities.recordProjectCancelled({
    projectId,
    reason: request.reason,
    at: new Date().toISOString(),
    audit: project.audit('project.cancelled', {
      action: 'project.cancelled',
      actor: request.cancelledBy,
      requestId: request.requestId,
      reason: request.reason,
      subject: atStage ?? undefined,
      detail: { incident: request.incidentId ?? null, reason: request.reason, cancelledStages: running },
    }),
  });
  project.cancelRecorded = true;
  await condition(allHandlersFinished);
  return { status: 'cancelled', stages: project.stages };
}
