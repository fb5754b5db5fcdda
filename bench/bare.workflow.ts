import { condition, defineUpdate, setHandler } from '@temporalio/workflow';

/**
 * The anchor of the benchmarks: what Temporal itself asks for a decision. An Update that
 * the handler answers at once, on a workflow that does nothing else, and ends after
 * `updates` of them (or when told to by `finish`).
 */
export const bareDecisionUpdate = defineUpdate<{ count: number }, [{ requestId: string }]>('bareDecision');
export const bareFinishUpdate = defineUpdate<void, []>('bareFinish');

export async function bareUpdatesWorkflow(input: { updates: number }): Promise<{ decided: number }> {
  let decided = 0;
  let finished = false;
  setHandler(bareDecisionUpdate, () => ({ count: ++decided }));
  setHandler(bareFinishUpdate, () => {
    finished = true;
  });
  await condition(() => finished || (input.updates > 0 && decided >= input.updates));
  return { decided };
}
