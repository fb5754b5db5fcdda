import { startChild, TemporalFailure, getExternalWorkflowHandle } from '@temporalio/workflow';
import { type CadenceStep, stageContextSignal, type StepResults, SYSTEM_ACTOR } from '@accord/contracts';
import { stepsWithin } from '@accord/domain';
import type { cadenceWorkflow } from '../cadence.workflow';
import { childWorkflowType } from '../stage/child-workflow-type';
import type { StageRun } from '../stage/stage-run';
import type { StepRunner } from './step-runner';

/** What a cadence hears of a step it waits for that records no result of its own (a timer, a gate, a parallel). */
const REACHED = { outcome: 'reached', data: {}, by: SYSTEM_ACTOR };

/**
 * Starts a cadence as its own workflow (a CadenceRun of this stage) and waits for it to
 * end: a stage that tracks for years keeps its own history short, and the cadence
 * continues as new whenever its history grows long. It reads the variables and the step
 * results it needs, forwarded as they change.
 */
export const cadenceStep: StepRunner<'cadence'> = async (stage, step) => {
  const { workflowId, results, stageResults } = stage;
  const childId = `${workflowId}/cadence/${step.id}`;
  stage.cadenceWorkflows.set(childId, resultsReadBy(stage, step));
  const { until } = step;
  if (typeof until !== 'string') stage.cadenceEnds.set(childId, until.reached);
  try {
    const child = await startChild<typeof cadenceWorkflow>(childWorkflowType('cadence'), {
      workflowId: childId,
      args: [
        {
          ...stage.input,
          variables: { ...stage.variables },
          steps: typeof until === 'string' ? results : stepsUntilReached(stage, until.reached),
          cadence: { stepId: step.id, stageWorkflowId: workflowId, occurrence: 1, confirmed: [] },
        },
      ],
    });
    const { steps } = await child.result();
    Object.assign(results, steps);
    Object.assign(stageResults, steps);
  } finally {
    stage.cadenceWorkflows.delete(childId);
    stage.cadenceEnds.delete(childId);
  }
  return 'next';
};

/**
 * What a cadence that ends when `reached` is reached starts with: that step's result only if
 * it was reached in this run of the stage, not one an earlier stage or loop left behind.
 */
function stepsUntilReached(stage: StageRun, reached: string): StepResults {
  const { [reached]: earlier, ...steps } = stage.results;
  return stage.passed.has(reached) ? { ...steps, [reached]: earlier ?? REACHED } : steps;
}

/** A step finished (a gate routed): the cadences that end when it is reached hear of it. */
export async function tellCadencesReached(stage: StageRun, stepId: string): Promise<void> {
  for (const [childId, reached] of stage.cadenceEnds) {
    if (reached !== stepId) continue;
    try {
      await getExternalWorkflowHandle(childId).signal(stageContextSignal, { steps: { [stepId]: stage.results[stepId] ?? REACHED } });
    } catch (error) {
      // The server refuses the signal when the cadence ended meanwhile: it no longer needs it.
      if (!(error instanceof TemporalFailure)) throw error;
    }
  }
}

/** The results a cadence's occurrences read: the steps its service names, and the baselines whose deadlines it confirms. */
function resultsReadBy(stage: StageRun, step: CadenceStep): Set<string> {
  const everyStep = stepsWithin(stage.compiled.stages.flatMap((candidate) => candidate.steps));
  const inner = step.step;
  const named =
    inner.type === 'service'
      ? Object.values(inner.with)
          .flatMap((value) => (Array.isArray(value) ? value : [value]))
          .filter((value): value is string => typeof value === 'string')
      : [];
  const read = everyStep
    .filter((candidate) => named.includes(candidate.id))
    .map((candidate) => (candidate.type === 'cadence' ? candidate.step.id : candidate.id));
  const baselines = step.beforeDeadlines
    ? everyStep.filter((candidate) => candidate.type === 'service' && candidate.action === 'publish-baseline').map((candidate) => candidate.id)
    : [];
  return new Set([...read, ...baselines]);
}
