import { allHandlersFinished, condition, continueAsNew, workflowInfo } from '@temporalio/workflow';
import type { ProjectResume } from '@accord/contracts';
import type { projectWorkflow } from '../project.workflow';
import type { ProjectRun } from './project-run';

/**
 * A project run continues as new once its history reaches this many events, unless the
 * input says otherwise (ACCORD_PROJECT_HISTORY_BUDGET): far below Temporal's limits, and
 * short enough that a replay after a crash stays quick.
 */
const PROJECT_HISTORY_BUDGET = 5_000;

/** True once this run's history is long enough to hand over to a new run. */
export function historyLong(project: ProjectRun): boolean {
  const historyBudget = project.input.continueAsNewAfter ?? PROJECT_HISTORY_BUDGET;
  return workflowInfo().continueAsNewSuggested || workflowInfo().historyLength >= historyBudget;
}

/** Continues as new with everything the next run needs; the stages started keep running and report to it. */
export async function continueAsNewFrom(project: ProjectRun, where: Pick<ProjectResume, 'running' | 'ending'>): Promise<never> {
  await condition(allHandlersFinished);
  return continueAsNew<typeof projectWorkflow>({
    ...project.input,
    resume: {
      definition: project.definition,
      remaining: project.remaining,
      steps: project.steps,
      variables: project.variables,
      members: project.members,
      pendingMigration: project.pendingMigration,
      completedStages: project.state.completedStages,
      stages: project.stages,
      runs: Object.fromEntries(project.runs),
      subprocesses: [...project.subprocesses.values()],
      // A stage may have reported its end while this run waited for its handlers to finish.
      finished: [...project.finished.values()],
      ...where,
    },
  });
}
