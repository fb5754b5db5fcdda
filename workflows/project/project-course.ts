import { condition, workflowInfo } from '@temporalio/workflow';
import { type PinnedDefinition, type ProcessVariables, type ProjectWorkflowResult, stageWorkflowId, SYSTEM_ACTOR } from '@accord/contracts';
import { conditionEnvironment, evaluateCondition } from '@accord/domain';
import { activities } from '../activities.proxy';
import { continueAsNewFrom, historyLong } from './continue-as-new';
import { migrate } from './migration';
import { finish } from './project-ending';
import type { ProjectRun } from './project-run';
import { awaitStageIncident, closeAbandonedTasks } from './stage-failure';
import { startStage } from './stage-start';

/**
 * The project's own course: its start recorded, then the stages of the sequence one after
 * the other, each awaited through its stageFinished report, a migration applied at the
 * boundary after the stage that ends while it is pending.
 */
export async function runProject(project: ProjectRun): Promise<ProjectWorkflowResult> {
  const { projectId, input, resume, state, steps, stages } = project;
  if (!resume) {
    await activities.recordProjectStarted({
      projectId,
      name: input.name,
      definitionKey: project.definition.key,
      definitionVersion: project.definition.version,
      workflowId: workflowInfo().workflowId,
      team: input.team,
      customer: input.customer,
      startedBy: input.startedBy,
      members: project.members,
      at: new Date().toISOString(),
      audit: project.audit('project.started', {
        action: 'project.started',
        actor: input.startedBy,
        requestId: input.requestId,
        detail: {
          name: input.name,
          definition: project.definition.key,
          version: project.definition.version,
          ...(input.team ? { team: input.team } : {}),
          ...(input.customer ? { customer: input.customer.key } : {}),
        },
      }),
    });
  }

  if (resume?.ending) return finish(project, resume.ending.status, resume.ending.atStage);
  let running = resume?.running;
  while (running || project.remaining.length > 0) {
    if (!running) {
      const stageId = project.remaining.shift()!;
      const run = 1;
      const when = project.definition.compiled.stages.find((stage) => stage.id === stageId)?.when;
      if (when !== undefined && !stageConditionHolds(project, project.definition, when, project.variables)) {
        await activities.recordAudit(
          project.audit(`${stageId}:${run}:stage.skipped`, { action: 'stage.skipped', actor: SYSTEM_ACTOR, subject: stageId, detail: { when } }),
        );
        continue;
      }
      state.currentStage = stageId;
      await activities.recordProjectStatus({
        projectId,
        status: 'running',
        currentStage: stageId,
        finished: false,
        at: new Date().toISOString(),
        audit: project.audit(`${stageId}:${run}:stage.started`, {
          action: 'stage.started',
          actor: SYSTEM_ACTOR,
          subject: stageId,
          detail: { workflowId: stageWorkflowId(projectId, stageId, run), version: project.definition.version },
        }),
      });
      await startStage(project, stageId, run);
      project.stageRunning = stageId;
      running = { stageId, run };
    }
    const { stageId, run } = running;
    const childId = stageWorkflowId(projectId, stageId, run);
    await condition(() => project.finished.has(childId) || historyLong(project));
    let ended = project.finished.get(childId);
    if (!ended) return continueAsNewFrom(project, { running });
    project.finished.delete(childId);
    if (ended.failure) {
      // The stage's code failed: an admin retries it (reset to before the failure), skips it, or cancels the project.
      // Meanwhile no stage workflow runs to take readings.
      project.stageRunning = undefined;
      if ((await awaitStageIncident(stageId, ended)) === 'retry') {
        project.stageRunning = stageId;
        continue;
      }
      await closeAbandonedTasks(project, stageId, run, ended.workflowId);
      ended = { ...ended, outcome: 'skipped' };
    }
    running = undefined;
    project.stageRunning = undefined;
    Object.assign(steps, ended.steps);
    project.variables = ended.variables ?? project.variables;
    stages.push({ stageId, outcome: ended.outcome });
    state.completedStages.push(stageId);
    await activities.recordAudit(
      project.audit(`${stageId}:${run}:stage.completed`, {
        action: 'stage.completed',
        actor: SYSTEM_ACTOR,
        subject: stageId,
        detail: { outcome: ended.outcome },
      }),
    );
    if (ended.outcome === 'rejected') return finish(project, 'rejected', stageId);
    if (project.pendingMigration) await migrate(project, project.pendingMigration, stageId);
  }
  return finish(project, 'completed', null);
}

/** Whether a stage's `when` holds for the project's variables and the results so far. */
function stageConditionHolds(project: ProjectRun, pinned: PinnedDefinition, when: string, variables: ProcessVariables): boolean {
  const types = Object.fromEntries(Object.entries(pinned.compiled.variables).map(([name, variable]) => [name, variable.type]));
  return evaluateCondition(conditionEnvironment(types), when, {
    ...variables,
    steps: project.steps,
    stage: {},
    project: { id: project.projectId, name: project.input.name },
  });
}
