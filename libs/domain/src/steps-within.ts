import type { CompiledStep } from '@accord/contracts';

/** Every step in a list, with those inside parallel branches and the step each cadence repeats. */
export function stepsWithin(steps: CompiledStep[]): CompiledStep[] {
  return steps.flatMap((step) => [
    step,
    ...(step.type === 'parallel' ? stepsWithin(step.branches.flatMap((branch) => branch.steps)) : []),
    ...(step.type === 'cadence' ? [step.step] : []),
  ]);
}
