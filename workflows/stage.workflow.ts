import type { StageWorkflowInput, StageWorkflowResult } from '@accord/contracts';
import { actionItemWorkflow } from './action-item.workflow';
import { cadenceWorkflow } from './cadence.workflow';
import { runStageWorkflow } from './stage/stage-lifecycle';

/**
 * Runs one stage's steps in order (workflows/steps has one module per step kind); human
 * decisions arrive as `completeTask` updates, answered by its StageRun.
 */
export async function stageWorkflow(input: StageWorkflowInput): Promise<StageWorkflowResult> {
  // Stages recorded before cadences and action items had workflow types of their own started them as stage workflows: they still run here.
  if (input.cadence) return cadenceWorkflow(input);
  if (input.actionItem) return actionItemWorkflow(input);
  return runStageWorkflow(input, (stage) => stage.runSteps(stage.stage.steps));
}
