import { allHandlersFinished, condition } from '@temporalio/workflow';
import { type ProjectWorkflowResult, SYSTEM_ACTOR } from '@accord/contracts';
import { activities } from '../activities.proxy';
import { continueAsNewFrom, historyLong } from './continue-as-new';
import type { ProjectRun } from './project-run';

/** Ends the project as completed or rejected, once the sub-processes its events started have ended. */
export async function finish(project: ProjectRun, status: ProjectWorkflowResult['status'], atStage: string | null): Promise<ProjectWorkflowResult> {
  const { projectId, state, subprocesses } = project;
  // Sub-processes started by events (a change being negotiated) finish before the project does,
  // including any started while waiting for the others.
  await condition(() => subprocesses.size === 0 || historyLong(project));
  if (subprocesses.size > 0) return continueAsNewFrom(project, { ending: { status, atStage } });
  state.status = status;
  state.currentStage = undefined;
  await condition(allHandlersFinished);
  await activities.recordProjectStatus({
    projectId,
    status,
    currentStage: atStage,
    finished: true,
    at: new Date().toISOString(),
    audit: project.audit(`project.${status}`, { action: `project.${status}`, actor: SYSTEM_ACTOR, subject: atStage ?? undefined, detail: {} }),
  });
  return { status, stages: project.stages };
}
