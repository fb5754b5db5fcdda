import { ApplicationFailure } from '@temporalio/workflow';
import { type ActionItemRun, type StageWorkflowInput, type StageWorkflowResult, taskId } from '@accord/contracts';
import { startOfLocalDate } from '@accord/domain';
import { activities } from './activities.proxy';
import { runStageWorkflow } from './stage/stage-lifecycle';
import type { StageRun } from './stage/stage-run';
import { runTask } from './steps/task.step';

const DAY_MS = 24 * 3_600_000;
/** An action item due on a date is due at 18:00 that day, in the calendar's zone. */
const END_OF_WORKING_DAY_MS = 18 * 3_600_000;

/** One action item of a meeting's minutes, as a workflow of its own: neither the meeting's stage nor its cadence waits for it. */
export async function actionItemWorkflow(input: StageWorkflowInput): Promise<StageWorkflowResult> {
  const { actionItem } = input;
  if (!actionItem) throw ApplicationFailure.nonRetryable(`An action item workflow needs its action item (stage ${input.stageId})`);
  return runStageWorkflow(input, (stage) => followActionItem(stage, actionItem));
}

/** An action item as a task of its owner: reminded when due, and the organizer told two days later. */
async function followActionItem(stage: StageRun, action: ActionItemRun): Promise<StageWorkflowResult['outcome']> {
  const { projectId, stageId, run, workflowId, compiled } = stage;
  const dueAt = new Date(startOfLocalDate(action.due, compiled.calendar.timezone).getTime() + END_OF_WORKING_DAY_MS);
  const untilDue = Math.max(0, dueAt.getTime() - Date.now());
  const seconds = (ms: number) => `PT${Math.ceil(ms / 1000)}S`;
  const stepId = `${action.meetingStepId}-action-${action.index}`;
  stage.iterations.set(stepId, action.iteration);
  await runTask(
    stage,
    {
      id: stepId,
      type: 'task',
      name: `Action item: ${action.item}`,
      assignee: { user: action.owner },
      outcomes: ['done'],
      priority: 'normal',
      escalations: [
        { after: seconds(untilDue), action: 'remind' },
        { after: seconds(untilDue + 2 * DAY_MS), action: 'notify', to: action.organizer },
      ],
      pauseWhileWaitingOnExternal: false,
    },
    dueAt,
    {
      // The meeting was held in this stage run: its task id follows from the step and occurrence.
      meetingId: taskId({ projectId, stageId, run, stepId: action.meetingStepId, iteration: action.iteration }),
      index: action.index,
      item: action.item,
      owner: action.owner,
      due: action.due,
    },
  );
  const done = stage.results[stepId];
  // The organizer learns that what the meeting asked for is done, by whom, without having to chase it.
  await activities.enqueueNotification({
    id: `${workflowId}:done`,
    projectId,
    kind: 'message',
    recipient: action.organizer,
    subject: `Action item done: ${action.item}`,
    body: `"${action.item}" from the meeting ${action.meetingStepId} was marked done by ${done?.by ?? action.owner}.`,
    at: new Date().toISOString(),
  });
  return 'completed';
}
