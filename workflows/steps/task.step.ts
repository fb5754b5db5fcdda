import { addDuration } from '@accord/domain';
import type { Assignee, OpenedTask, TaskStep } from '@accord/contracts';
import { smartGoalCheck } from '../domain-services';
import type { StageRun } from '../stage/stage-run';
import { watch } from '../stage/task-watch';
import { pausable } from '../stage/tracked-task';
import type { StepRunner } from './step-runner';

/** A human task: opened in the inbox, escalated while it waits, done when its assignee completes it. */
export const taskStep: StepRunner<'task'> = async (stage, step) => {
  await runTask(stage, step);
  return 'next';
};

/** Opens a task and waits for its completion (an action item's task is due at `due`). */
export async function runTask(stage: StageRun, step: TaskStep, due?: Date, actionItem?: OpenedTask['actionItem']): Promise<void> {
  const base = stage.taskBase(step.id);
  const dueAt = due?.toISOString() ?? (step.due ? addDuration(new Date(), step.due, stage.compiled.calendar).toISOString() : undefined);
  const form = step.form ? stage.compiled.forms[step.form] : undefined;
  const assignee = assigneeOf(stage, step);
  await stage.openTask(
    { ...base, kind: 'task', title: step.name, assignee, form: step.form, outcomes: step.outcomes, priority: step.priority, dueAt, actionItem },
    {
      assignee,
      outcomes: step.outcomes,
      form,
      meaning: smartGoalCheck(stage.stage, step.id, stage.results),
      ...pausable(step.pauseWhileWaitingOnExternal, dueAt),
    },
  );
  const watchers = watch(stage, base.id, step.escalations, step.pauseWhileWaitingOnExternal);
  await stage.remember(step.id, await stage.nextCompletion((completion) => completion.taskId === base.id));
  await Promise.all(watchers);
}

/** Who a task goes to: the user an earlier step's data names (`assigneeFrom`), else its `assignee`. */
function assigneeOf(stage: StageRun, step: TaskStep): Assignee {
  const named = step.assigneeFrom ? stage.results[step.assigneeFrom.step]?.data[step.assigneeFrom.field] : undefined;
  return typeof named === 'string' && named.trim() !== '' ? { user: named.trim() } : step.assignee;
}
