import {
  allHandlersFinished,
  CancellationScope,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  isCancellation,
  workflowInfo,
} from '@temporalio/workflow';
import {
  type CadenceEnd,
  type CadenceRun,
  type CadenceStep,
  type MeetingStep,
  stepResultsSignal,
  SYSTEM_ACTOR,
  taskId,
  type TaskStep,
} from '@accord/contracts';
import { activities } from '../activities.proxy';
import type { cadenceWorkflow } from '../cadence.workflow';
import type { StageRun } from '../stage/stage-run';
import { runMeeting } from '../steps/meeting.step';
import { runService } from '../steps/service.step';
import { runTask } from '../steps/task.step';

/**
 * A cadence workflow continues as new once its history reaches this many events: far below
 * Temporal's limits, and small enough that a replay after a crash stays quick.
 */
const CADENCE_HISTORY_BUDGET = 2_000;

/** Whether a cadence's end has come: its condition holds, or the step it waits for was reached (the stage forwards it). */
export function ended(stage: StageRun, until: CadenceEnd): boolean {
  return typeof until === 'string' ? stage.holds(until) : stage.results[until.reached] !== undefined;
}

/** One occurrence of a cadence; its result goes back to the stage, and a long history continues as new after it. */
export async function runOccurrence(stage: StageRun, inner: CadenceStep['step'], state: CadenceRun, until: CadenceEnd, nextDue?: Date): Promise<void> {
  stage.iterations.set(inner.id, state.occurrence);
  let held = false;
  if (inner.type === 'service') await runService(stage, inner);
  else held = await unlessCadenceEnds(stage, inner, until, nextDue);
  state.occurrence++;
  if (held) await getExternalWorkflowHandle(state.stageWorkflowId).signal(stepResultsSignal, { [inner.id]: stage.results[inner.id] });
  const info = workflowInfo();
  if (info.continueAsNewSuggested || info.historyLength >= CADENCE_HISTORY_BUDGET) {
    await condition(allHandlersFinished);
    await continueAsNew<typeof cadenceWorkflow>({
      ...stage.input,
      variables: stage.variables,
      steps: stage.results,
      cadence: { ...state, lastProgress: stage.lastProgress.json },
    });
  }
}

/**
 * A meeting or task of a cadence, cancelled if the cadence ends while it is open: once
 * tracking closes, nobody should owe the weekly report any more. Answers whether it was done.
 */
async function unlessCadenceEnds(stage: StageRun, inner: MeetingStep | TaskStep, until: CadenceEnd, nextDue?: Date): Promise<boolean> {
  const scope = new CancellationScope();
  let done = false;
  const occurrence = scope
    .run(() => (inner.type === 'meeting' ? runMeeting(stage, inner) : runTask(stage, inner)))
    .then(() => {
      done = true;
    });
  const over = () => done || ended(stage, until);
  // With a next slot, an occurrence still open when the next is due is missed: the cadence keeps its rhythm.
  const missed = nextDue === undefined ? (await condition(over), false) : !(await condition(over, Math.max(0, nextDue.getTime() - Date.now())));
  if (done) {
    await occurrence;
    return true;
  }
  scope.cancel();
  await occurrence.catch((error: unknown) => {
    // Only the cancellation just asked for is expected here.
    if (!isCancellation(error)) throw error;
  });
  const { projectId, stageId, run } = stage;
  const id = taskId({ projectId, stageId, run, stepId: inner.id, iteration: stage.iterations.get(inner.id) ?? 1 });
  if (missed && !ended(stage, until)) {
    await stage.closeOpen([id], 'expired', 'missed: not held before the next occurrence was due');
    await recordMissed(stage, inner, stage.iterations.get(inner.id) ?? 1, 'not held before the next occurrence was due');
  } else {
    await stage.closeOpen([id], 'cancelled', `the cadence ended: ${describeEnd(until)}`);
  }
  return false;
}

/** A cadence occurrence that was not held before the next was due: recorded, and its organizer told. */
export async function recordMissed(stage: StageRun, inner: CadenceStep['step'], occurrence: number, why: string): Promise<void> {
  const { projectId, stageId, run } = stage;
  const id = taskId({ projectId, stageId, run, stepId: inner.id, iteration: occurrence });
  const subject = `${stage.input.cadence!.stageWorkflowId}/${stage.input.cadence!.stepId}`;
  await activities.recordAudit(
    stage.audit(`${id}:cadence.missed`, { action: 'cadence.missed', actor: SYSTEM_ACTOR, subject: id, reason: why, detail: { cadence: subject, occurrence } }),
  );
  if (inner.type === 'service') return;
  const title = inner.type === 'meeting' ? inner.title : inner.name;
  await activities.enqueueNotification({
    id: `${id}:missed`,
    projectId,
    taskId: id,
    kind: 'message',
    recipient: inner.type === 'meeting' ? inner.organizer : inner.assignee,
    subject: `Missed: ${title}`,
    body: `"${title}" (occurrence ${occurrence}) was not held before the next one was due (${why}). The cadence goes on at its own slots.`,
    at: new Date().toISOString(),
  });
}

/** `delivery-complete was reached`, or the condition, for the audit of what ended a cadence. */
function describeEnd(until: CadenceEnd): string {
  return typeof until === 'string' ? until : `${until.reached} was reached`;
}
