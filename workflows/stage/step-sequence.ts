import { ApplicationFailure } from '@temporalio/workflow';
import { type CompiledStep, FailureType, type StageWorkflowResult } from '@accord/contracts';
import { approvalStep } from '../steps/approval.step';
import { cadenceStep, tellCadencesReached } from '../steps/cadence.step';
import { gateStep } from '../steps/gate.step';
import { meetingStep } from '../steps/meeting.step';
import { parallelStep } from '../steps/parallel.step';
import { serviceStep } from '../steps/service.step';
import type { StepOutcome } from '../steps/step-runner';
import { taskStep } from '../steps/task.step';
import { timerStep } from '../steps/timer.step';
import type { StageRun } from './stage-run';

/** Runs one list of steps (a stage's, or a branch's) in order, following gates and rework. */
export async function runSteps(stage: StageRun, steps: CompiledStep[]): Promise<StageWorkflowResult['outcome']> {
  const indexOf = (id: string) => steps.findIndex((candidate) => candidate.id === id);
  let index = 0;
  while (index < steps.length) {
    const step = steps[index];
    stage.currentStep = step.id;
    if (step.when !== undefined && !stage.holds(step.when)) {
      index++;
      continue;
    }
    stage.iterations.set(step.id, (stage.iterations.get(step.id) ?? 0) + 1);
    await stage.eventBudget.check();
    const outcome = await runStep(stage, step);
    stage.passed.add(step.id);
    // Only a cadence waiting for this step costs an await: stages without one run exactly as before.
    if ([...stage.cadenceEnds.values()].includes(step.id)) await tellCadencesReached(stage, step.id);
    if (outcome === 'rejected') return 'rejected';
    index = outcome === 'next' ? index + 1 : outcome === 'end' ? steps.length : indexOf(outcome.goto);
  }
  return 'completed';
}

function runStep(stage: StageRun, step: CompiledStep): Promise<StepOutcome> {
  switch (step.type) {
    case 'task':
      return taskStep(stage, step);
    case 'approval':
      return approvalStep(stage, step);
    case 'timer':
      return timerStep(stage, step);
    case 'gate':
      return gateStep(stage, step);
    case 'parallel':
      return parallelStep(stage, step);
    case 'meeting':
      return meetingStep(stage, step);
    case 'service':
      return serviceStep(stage, step);
    case 'cadence':
      return cadenceStep(stage, step);
    case 'subprocess':
      // The API refuses to start projects on definitions using these (runnableProblems).
      throw ApplicationFailure.nonRetryable(`${step.type} steps cannot run on this engine version yet (step ${step.id})`, FailureType.unsupported);
    default: {
      const unknown: never = step;
      throw ApplicationFailure.nonRetryable(`Unknown step type in ${JSON.stringify(unknown)}`);
    }
  }
}
