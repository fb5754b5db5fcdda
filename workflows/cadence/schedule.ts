import { condition, patched, sleep } from '@temporalio/workflow';
import type { CadenceRun, CadenceStep, Duration } from '@accord/contracts';
import { baselineInForce, confirmationTime, deadlinePassed, scheduledSlot, workingSlot } from '@accord/domain';
import type { StageRun } from '../stage/stage-run';
import { ended, recordMissed, runOccurrence } from './occurrence';

/** Patch id: cadence occurrences on working days, a missed one closed when the next is due (issue 11). */
const CADENCE_RHYTHM = 'cadence-rhythm';
/** Patch id: a cadence that ends while it waits for its next occurrence leaves that timer to lapse (see untilEndedOrDue). */
const CADENCE_END_LEAVES_TIMER = 'cadence-end-leaves-timer';

/** Occurrences every interval, counted from the first (so late meetings do not drift the schedule), until the cadence ends. */
export async function repeatEvery(stage: StageRun, step: CadenceStep, every: Duration, state: CadenceRun): Promise<void> {
  const started = new Date(state.startedAt!);
  for (;;) {
    // Cadences started before this rule keep their old rhythm until their next occurrence (docs/versioning.md).
    if (!patched(CADENCE_RHYTHM)) {
      const due = scheduledSlot(started, every, state.occurrence, stage.compiled.calendar);
      const wait = due.getTime() - Date.now();
      if (wait > 0) await condition(() => ended(stage, step.until), wait);
      if (ended(stage, step.until)) return;
      await runOccurrence(stage, step.step, state, step.until);
      continue;
    }
    const due = await nextWorkingSlot(stage, step, every, started, state);
    const wait = due.getTime() - Date.now();
    if (wait > 0) await (patched(CADENCE_END_LEAVES_TIMER) ? untilEndedOrDue(stage, step, wait) : condition(() => ended(stage, step.until), wait));
    if (ended(stage, step.until)) return;
    const nextDue = workingSlotAfter(stage, step, every, started, state.occurrence);
    await runOccurrence(stage, step.step, state, step.until, nextDue);
  }
}

/**
 * Waits until the cadence ends or its next occurrence is due, in `wait` ms. Unlike
 * `condition(ended, wait)`, it does not cancel the timer when the end comes first. The
 * time-skipping test server, on which simulations and the tests run, refuses a CancelTimer
 * for a timer that fired while the workflow task was in progress ("invalid history builder
 * state for action", temporalio/sdk-java#2606), and the workflow never moves again. Both
 * fall due within milliseconds whenever a slot lands on the day a phase ends: the early
 * meetings' every three days and the early phase's twenty working days both count from the
 * start of tracking. The timer left lapses unseen once the cadence has ended.
 */
async function untilEndedOrDue(stage: StageRun, step: CadenceStep, wait: number): Promise<void> {
  let due = false;
  // The workflow's own cancellation rejects the sleep too; the condition below is what reports it.
  void sleep(wait).then(
    () => (due = true),
    () => undefined,
  );
  await condition(() => due || ended(stage, step.until));
}

/**
 * The slot of the next occurrence on a working day: slots merged into the next one (a
 * weekend's days into Monday) are passed over, and slots whose successor is already due
 * (nothing ran while they were due) are recorded as missed without opening anything.
 */
async function nextWorkingSlot(stage: StageRun, step: CadenceStep, every: Duration, started: Date, state: CadenceRun): Promise<Date> {
  for (;;) {
    const due = workingSlot(started, every, state.occurrence, stage.compiled.calendar, step.onNonWorkingDay);
    if (due === undefined) {
      state.occurrence++;
      continue;
    }
    if (step.step.type !== 'service' && workingSlotAfter(stage, step, every, started, state.occurrence).getTime() <= Date.now()) {
      await recordMissed(stage, step.step, state.occurrence, 'its time passed while nothing ran');
      state.occurrence++;
      continue;
    }
    return due;
  }
}

/** When the occurrence after `occurrence` is due, merged slots passed over. */
function workingSlotAfter(stage: StageRun, step: CadenceStep, every: Duration, started: Date, occurrence: number): Date {
  for (let n = occurrence + 1; ; n++) {
    const due = workingSlot(started, every, n, stage.compiled.calendar, step.onNonWorkingDay);
    if (due) return due;
  }
}

/**
 * One occurrence `workdays` working days before each deadline of the baseline in force
 * (R-EXP-6: confirmation with the customer before each key milestone). A new baseline
 * (a change signed in a sub-process) re-plans the deadlines not yet confirmed; a deadline
 * that has passed is not confirmed after the fact.
 */
export async function confirmBeforeDeadlines(stage: StageRun, step: CadenceStep, workdays: number, state: CadenceRun): Promise<void> {
  const { compiled, results } = stage;
  const allSteps = compiled.stages.flatMap((candidate) => candidate.steps);
  while (!ended(stage, step.until)) {
    const baseline = baselineInForce(allSteps, results);
    const changed = () => baselineInForce(allSteps, results)?.version !== baseline?.version;
    const now = new Date();
    const next = (baseline?.deadlines ?? [])
      .filter((deadline) => !state.confirmed.includes(deadline) && !deadlinePassed(deadline, now, compiled.calendar))
      .map((deadline) => ({ deadline, at: confirmationTime(deadline, workdays, compiled.calendar).getTime() }))
      .sort((a, b) => a.at - b.at)[0];
    if (!next) {
      await condition(() => ended(stage, step.until) || changed());
      continue;
    }
    if (next.at > now.getTime()) {
      await condition(() => ended(stage, step.until) || changed(), next.at - now.getTime());
      continue;
    }
    state.confirmed.push(next.deadline);
    const inner = step.step;
    await runOccurrence(stage, inner.type === 'meeting' ? { ...inner, title: `${inner.title}: deadline ${next.deadline}` } : inner, state, step.until);
  }
}
