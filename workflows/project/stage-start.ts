import { ParentClosePolicy, startChild } from '@temporalio/workflow';
import { stageWorkflowId } from '@accord/contracts';
import { stageWorkflow } from '../stage.workflow';
import type { ProjectRun } from './project-run';

/**
 * Starts a stage as its own workflow. Its end comes back as the stageFinished signal, not
 * as the child's result: the project may have continued as new since, and stages it
 * started run on (ABANDON) rather than end with the run that started them.
 */
export async function startStage(project: ProjectRun, stageId: string, run: number): Promise<void> {
  const { projectId, input, definition, variables, steps } = project;
  await startChild(stageWorkflow, {
    workflowId: stageWorkflowId(projectId, stageId, run),
    parentClosePolicy: ParentClosePolicy.ABANDON,
    args: [{ projectId, stageId, run, definition, variables, steps, ...(input.stageEventBudget ? { eventBudget: input.stageEventBudget } : {}) }],
  });
}
