import { condition, sleep } from '@temporalio/workflow';
import { SYSTEM_ACTOR } from '@accord/contracts';
import { addDuration } from '@accord/domain';
import { activities } from '../activities.proxy';
import type { StepRunner } from './step-runner';

/** Waits a duration on the business calendar, or until its condition holds if that comes first. */
export const timerStep: StepRunner<'timer'> = async (stage, step) => {
  const firesAt = addDuration(new Date(), step.duration, stage.compiled.calendar);
  const subject = `${stage.workflowId}/${step.id}:${stage.iterations.get(step.id)}`;
  await activities.recordAudit(
    stage.audit(`${subject}:timer.started`, {
      action: 'timer.started',
      actor: SYSTEM_ACTOR,
      subject,
      detail: { duration: step.duration, firesAt: firesAt.toISOString() },
    }),
  );
  const { until } = step;
  let endedEarly = false;
  if (until === undefined) await sleep(firesAt.getTime() - Date.now());
  else endedEarly = await condition(() => stage.holds(until), firesAt.getTime() - Date.now());
  await activities.recordAudit(
    stage.audit(`${subject}:timer.fired`, {
      action: 'timer.fired',
      actor: SYSTEM_ACTOR,
      subject,
      detail: { duration: step.duration, ...(endedEarly ? { endedEarly: until } : {}) },
    }),
  );
  return 'next';
};
