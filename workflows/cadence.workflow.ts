import { ApplicationFailure, condition } from '@temporalio/workflow';
import { type CadenceRun, type CadenceStep, type StageWorkflowInput, type StageWorkflowResult, SYSTEM_ACTOR } from '@accord/contracts';
import { stepsWithin } from '@accord/domain';
import { activities } from './activities.proxy';
import { confirmBeforeDeadlines, repeatEvery } from './cadence/schedule';
import { ended } from './cadence/occurrence';
import { runStageWorkflow } from './stage/stage-lifecycle';
import type { StageRun } from './stage/stage-run';

/** One cadence of a stage, as a workflow of its own: its meetings or reports repeat until it ends (see CadenceRun). */
export async function cadenceWorkflow(input: StageWorkflowInput): Promise<StageWorkflowResult> {
  const { cadence } = input;
  if (!cadence) throw ApplicationFailure.nonRetryable(`A cadence workflow needs its cadence (stage ${input.stageId})`);
  return runStageWorkflow(input, (stage) => runCadence(stage, cadence));
}

/**
 * The cadence this workflow runs: from `from` until `until` holds, every interval
 * (counted from the first occurrence, so late meetings do not drift the schedule) or
 * before each deadline of the baseline in force. Meeting and task results go back to the
 * stage after each occurrence.
 */
async function runCadence(stage: StageRun, state: CadenceRun): Promise<StageWorkflowResult['outcome']> {
  const step = stepsWithin(stage.stage.steps).find((candidate): candidate is CadenceStep => candidate.type === 'cadence' && candidate.id === state.stepId);
  if (!step) throw ApplicationFailure.nonRetryable(`No cadence ${state.stepId} in stage ${stage.stageId}`);
  stage.lastProgress.json = state.lastProgress;
  const subject = `${state.stageWorkflowId}/${step.id}`;
  if (state.startedAt === undefined) {
    if (step.from !== undefined) await condition(() => stage.holds(step.from!) || ended(stage, step.until));
    state.startedAt = new Date().toISOString();
    await activities.recordAudit(
      stage.audit(`${subject}:cadence.started`, {
        action: 'cadence.started',
        actor: SYSTEM_ACTOR,
        subject: step.id,
        detail: { ...(step.every ? { every: step.every } : { beforeDeadlines: step.beforeDeadlines }), workflowId: stage.workflowId },
      }),
    );
  }
  if (step.every) await repeatEvery(stage, step, step.every, state);
  else await confirmBeforeDeadlines(stage, step, step.beforeDeadlines!.workdays, state);
  await activities.recordAudit(
    stage.audit(`${subject}:cadence.ended`, { action: 'cadence.ended', actor: SYSTEM_ACTOR, subject: step.id, detail: { occurrences: state.occurrence - 1 } }),
  );
  return 'completed';
}
