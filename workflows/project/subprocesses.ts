import { getExternalWorkflowHandle, TemporalFailure } from '@temporalio/workflow';
import { projectEventId, stageWorkflowId, stepResultsSignal, type StepResults, SYSTEM_ACTOR } from '@accord/contracts';
import { activities } from '../activities.proxy';
import type { ProjectRun } from './project-run';
import { startStage } from './stage-start';

/** What raised a sub-process, and the on-demand stage its handler starts. */
export interface SubprocessEvent {
  kind: 'signal' | 'metric-breach';
  name: string;
  data: Record<string, unknown>;
  raisedBy: string;
  requestId: string;
  start: string;
}

/**
 * Starts an on-demand stage as its own workflow for an event (a signal raised through the
 * API, or a metric breach a stage reported); the event is recorded with what it started
 * and closed when that sub-process ends, so feedback and changes can be followed to closure.
 */
export async function startSubprocess(project: ProjectRun, event: SubprocessEvent) {
  const { projectId, state, runs, subprocesses } = project;
  const { start } = event;
  const run = (runs.get(start) ?? 0) + 1;
  runs.set(start, run);
  const childId = stageWorkflowId(projectId, start, run);
  const eventId = projectEventId(projectId, event.requestId);
  const during = state.currentStage ?? null;
  const recorded = await activities.recordProjectEvent({
    id: eventId,
    projectId,
    kind: event.kind,
    name: event.name,
    data: event.data,
    raisedBy: event.raisedBy,
    at: new Date().toISOString(),
    duringStage: during,
    startedStage: start,
    startedWorkflowId: childId,
    audit: project.audit(`event:${event.requestId}`, {
      action: event.kind === 'signal' ? 'event.raised' : 'metric.breached',
      actor: event.raisedBy,
      requestId: event.requestId,
      subject: event.name,
      detail: { data: event.data, during, starts: start, workflowId: childId },
    }),
  });
  await activities.recordAudit(
    project.audit(`${start}:${run}:stage.started`, {
      action: 'stage.started',
      actor: SYSTEM_ACTOR,
      subject: start,
      detail: { workflowId: childId, version: project.definition.version, startedBy: event.name },
    }),
  );
  subprocesses.set(childId, { workflowId: childId, eventId, stageId: start, run, startedBy: event.name });
  await startStage(project, start, run);
  // A complaint or a breach may be what turned the customer's churn warning on (absent from histories before it).
  if (recorded?.standing?.crossed) await project.raiseChurnWarning({ standing: recorded.standing, evaluation: eventId });
  return { stageId: start, run, workflowId: childId };
}

/** What a sub-process decided reaches the stage of the sequence running now. */
export async function tellRunningStage(project: ProjectRun, decided: StepResults): Promise<void> {
  try {
    await getExternalWorkflowHandle(stageWorkflowId(project.projectId, project.state.currentStage!, 1)).signal(stepResultsSignal, decided);
  } catch (error) {
    // The server refuses the signal when the stage ended between the sub-process's end and it;
    // nothing is lost: the next stage starts with `steps`, which has the results.
    if (!(error instanceof TemporalFailure)) throw error;
  }
}
