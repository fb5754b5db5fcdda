import { CancellationScope, isCancellation } from '@temporalio/workflow';
import { stepsWithin } from '@accord/domain';
import type { StepRunner } from './step-runner';

/**
 * Runs branches side by side. `all` waits for every branch (one rejected branch rejects
 * the step); `any` goes on with the first branch to complete and cancels the others:
 * their timers stop and their open tasks are cancelled.
 */
export const parallelStep: StepRunner<'parallel'> = async (stage, step) => {
  if (step.join === 'all') {
    const outcomes = await Promise.all(step.branches.map((branch) => stage.runSteps(branch.steps)));
    return outcomes.includes('rejected') ? 'rejected' : 'next';
  }
  const scopes = step.branches.map(() => new CancellationScope());
  let winner: number | undefined;
  let finished = 0;
  const running: Promise<unknown>[] = [];
  await new Promise<void>((resolve) => {
    step.branches.forEach((branch, index) => {
      const run = scopes[index]
        .run(() => stage.runSteps(branch.steps))
        .then(
          (outcome) => {
            if (outcome === 'completed' && winner === undefined) winner = index;
          },
          (error: unknown) => {
            // Only the cancellation of a losing branch is expected here.
            if (!isCancellation(error)) throw error;
          },
        )
        .finally(() => {
          finished++;
          if (winner !== undefined || finished === step.branches.length) resolve();
        });
      running.push(run);
    });
  });
  if (winner === undefined) return 'rejected';
  const losers = step.branches.filter((_, index) => index !== winner);
  scopes.forEach((scope, index) => index !== winner && scope.cancel());
  // Let the losers stop at their next wait (their read-model writes are never cut short) before closing their tasks.
  await Promise.allSettled(running);
  const loserSteps = new Set(losers.flatMap((branch) => stepsWithin(branch.steps).map((inner) => inner.id)));
  await stage.closeOpen(
    [...stage.tasks].filter(([, task]) => task.status === 'open' && loserSteps.has(task.opened.stepId)).map(([id]) => id),
    'cancelled',
    `branch "${step.branches[winner].id}" of ${step.id} completed first`,
  );
  return 'next';
};
