import { END_OF_STAGE, SYSTEM_ACTOR } from '@accord/contracts';
import { activities } from '../activities.proxy';
import type { StepRunner } from './step-runner';

/** Routes to the first route whose condition holds, else to its default; the choice is audited. */
export const gateStep: StepRunner<'gate'> = async (stage, step) => {
  const target = step.routes.find((route) => stage.holds(route.when))?.goto ?? step.default;
  await activities.recordAudit(
    stage.audit(`${stage.workflowId}/${step.id}:${stage.iterations.get(step.id)}:gate`, {
      action: 'gate.routed',
      actor: SYSTEM_ACTOR,
      subject: step.id,
      detail: { goto: target },
    }),
  );
  return target === END_OF_STAGE ? 'end' : { goto: target };
};
