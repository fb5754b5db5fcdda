import { executeChild, setHandler, workflowInfo } from '@temporalio/workflow';
import {
  type AuditEntry,
  type ProjectLiveState,
  type ProjectWorkflowInput,
  type ProjectWorkflowResult,
  type StageOutcome,
  projectStateQuery,
  stageWorkflowId,
  SYSTEM_ACTOR,
} from '@accord/contracts';
import { readModel } from './activities.proxy';
import { stageWorkflow } from './stage.workflow';

/** Runs a project's stages in order, each as its own child workflow, pinned to one definition version. */
export async function projectWorkflow(input: ProjectWorkflowInput): Promise<ProjectWorkflowResult> {
  const { projectId, definition } = input;
  const state: ProjectLiveState = { projectId, status: 'running', completedStages: [] };
  setHandler(projectStateQuery, () => state);

  const audit = (id: string, fields: Omit<AuditEntry, 'id' | 'projectId' | 'at'>): AuditEntry => ({
    id: `${projectId}:${id}`,
    projectId,
    at: new Date().toISOString(),
    ...fields,
  });

  await readModel.recordProjectStarted({
    projectId,
    name: input.name,
    definitionKey: definition.key,
    definitionVersion: definition.version,
    workflowId: workflowInfo().workflowId,
    startedBy: input.startedBy,
    at: new Date().toISOString(),
    audit: audit('project.started', {
      action: 'project.started',
      actor: input.startedBy,
      requestId: input.requestId,
      detail: { name: input.name, definition: definition.key, version: definition.version },
    }),
  });

  const stages: ProjectWorkflowResult['stages'] = [];
  for (const stage of definition.compiled.stages) {
    const run = 1;
    const childId = stageWorkflowId(projectId, stage.id, run);
    state.currentStage = stage.id;
    await readModel.recordProjectStatus({
      projectId,
      status: 'running',
      currentStage: stage.id,
      finished: false,
      at: new Date().toISOString(),
      audit: audit(`${stage.id}:${run}:stage.started`, { action: 'stage.started', actor: SYSTEM_ACTOR, subject: stage.id, detail: { workflowId: childId } }),
    });
    const { outcome } = await executeChild(stageWorkflow, { workflowId: childId, args: [{ projectId, stageId: stage.id, run, definition }] });
    stages.push({ stageId: stage.id, outcome });
    state.completedStages.push(stage.id);
    await readModel.recordAudit(
      audit(`${stage.id}:${run}:stage.completed`, { action: 'stage.completed', actor: SYSTEM_ACTOR, subject: stage.id, detail: { outcome } }),
    );
    if (outcome === 'rejected') return finish('rejected', stage.id, stages);
  }
  return finish('completed', null, stages);

  async function finish(status: ProjectWorkflowResult['status'], atStage: string | null, done: { stageId: string; outcome: StageOutcome }[]) {
    state.status = status;
    state.currentStage = undefined;
    await readModel.recordProjectStatus({
      projectId,
      status,
      currentStage: atStage,
      finished: true,
      at: new Date().toISOString(),
      audit: audit(`project.${status}`, { action: `project.${status}`, actor: SYSTEM_ACTOR, subject: atStage ?? undefined, detail: {} }),
    });
    return { status, stages: done };
  }
}
