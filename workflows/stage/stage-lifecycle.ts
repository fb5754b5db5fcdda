import { allHandlersFinished, ApplicationFailure, condition, ContinueAsNew, getExternalWorkflowHandle, isCancellation } from '@temporalio/workflow';
import { FailureType, projectWorkflowId, stageFinishedSignal, type StageWorkflowInput, type StageWorkflowResult } from '@accord/contracts';
import { setIncidentScope } from '../incidents';
import { StageRun } from './stage-run';

/**
 * Runs the body of a stage workflow, a cadence or an action item in a StageRun that answers
 * their messages; a stage itself tells its project when it ends, or fails.
 */
export async function runStageWorkflow(
  input: StageWorkflowInput,
  body: (stage: StageRun) => Promise<StageWorkflowResult['outcome']>,
): Promise<StageWorkflowResult> {
  const stage = new StageRun(input);
  stage.listen();
  setIncidentScope({ stageId: stage.stageId, currentStep: () => stage.currentStep });
  let outcome: StageWorkflowResult['outcome'];
  try {
    outcome = await body(stage);
  } catch (error) {
    // Cancellation and continue-as-new travel as errors; only real failures are reported.
    if (isCancellation(error) || error instanceof ContinueAsNew) throw error;
    throw await reportFailure(stage, error);
  }
  return finish(stage, outcome);
}

/** A stage reports to its project; a cadence or an action item reports to nobody but its parent, if any. */
const isStage = ({ input }: StageRun) => !input.cadence && !input.actionItem;

/**
 * The stage's own code failed (a definition it cannot run, data a step cannot use, a
 * child that failed): tell the project, which raises an incident for an admin, and fail
 * this workflow for good rather than retry a workflow task that fails the same way each time.
 */
async function reportFailure(stage: StageRun, error: unknown): Promise<ApplicationFailure> {
  const { stageId, currentStep } = stage;
  const errorType =
    error instanceof ApplicationFailure ? (error.type ?? FailureType.stageFailed) : error instanceof Error ? error.name : FailureType.stageFailed;
  const message = error instanceof Error ? error.message : String(error);
  if (isStage(stage)) {
    const failure = { stepId: currentStep ?? null, errorType, message };
    await getExternalWorkflowHandle(projectWorkflowId(stage.projectId)).signal(stageFinishedSignal, {
      stageId,
      outcome: 'completed',
      steps: stage.stageResults,
      variables: stage.variables,
      workflowId: stage.workflowId,
      failure,
    });
  }
  return ApplicationFailure.create({
    message: `Stage ${stageId} failed${currentStep ? ` at step ${currentStep}` : ''}: ${message}`,
    type: FailureType.stageFailed,
    nonRetryable: true,
    cause: error instanceof Error ? error : undefined,
  });
}

async function finish(stage: StageRun, outcome: StageWorkflowResult['outcome']): Promise<StageWorkflowResult> {
  stage.currentStep = undefined;
  await condition(allHandlersFinished);
  const result = { stageId: stage.stageId, outcome, steps: stage.stageResults, variables: stage.variables };
  // The project awaits this signal, not the child's result: it may have continued as new since it started the stage.
  if (isStage(stage))
    await getExternalWorkflowHandle(projectWorkflowId(stage.projectId)).signal(stageFinishedSignal, { ...result, workflowId: stage.workflowId });
  return result;
}
