import { ParentClosePolicy, startChild } from '@temporalio/workflow';
import type { MeetingStep } from '@accord/contracts';
import { addDuration } from '@accord/domain';
import type { actionItemWorkflow } from '../action-item.workflow';
import { activities } from '../activities.proxy';
import { childWorkflowType } from '../stage/child-workflow-type';
import type { StageRun } from '../stage/stage-run';
import { watch } from '../stage/task-watch';
import { type Completion, pausable } from '../stage/tracked-task';
import type { StepRunner } from './step-runner';

/** A meeting: attendees are invited; the organizer records it as held, with minutes and action items. */
export const meetingStep: StepRunner<'meeting'> = async (stage, step) => {
  await runMeeting(stage, step);
  return 'next';
};

/** Opens the meeting's record for its organizer, invites its attendees and waits until it is held. */
export async function runMeeting(stage: StageRun, step: MeetingStep): Promise<void> {
  const { projectId, stageId, compiled } = stage;
  const base = stage.taskBase(step.id);
  const dueAt = step.due ? addDuration(new Date(), step.due, compiled.calendar).toISOString() : undefined;
  const form = step.minutesForm ? compiled.forms[step.minutesForm] : undefined;
  const points = [...step.agenda, ...(await activities.meetingAgenda({ projectId, at: base.openedAt }))];
  const pauses = step.pauseWhileWaitingOnExternal ?? false;
  await stage.openTask(
    {
      ...base,
      kind: 'meeting',
      title: step.title,
      assignee: step.organizer,
      form: step.minutesForm,
      outcomes: ['held'],
      priority: 'normal',
      dueAt,
      agenda: points,
      meeting: { attendees: step.attendees },
    },
    { assignee: step.organizer, outcomes: ['held'], form, ...pausable(pauses, dueAt) },
  );
  // Meetings compiled before they had a ladder have none: nothing runs beside them, as before.
  const watchers = step.escalations?.length || pauses ? watch(stage, base.id, step.escalations ?? [], pauses) : [];
  const agenda = points.length > 0 ? ` Agenda: ${points.join('; ')}.` : '';
  for (const [index, attendee] of step.attendees.entries()) {
    await activities.enqueueNotification({
      id: `${base.id}:invite:${index}`,
      projectId,
      taskId: base.id,
      kind: 'invitation',
      recipient: attendee,
      subject: `Invitation: ${step.title}`,
      body: `You are invited to "${step.title}" (project ${projectId}, stage ${stageId}).${agenda}`,
      at: new Date().toISOString(),
    });
  }
  const held = await stage.nextCompletion((completion) => completion.taskId === base.id);
  await stage.remember(step.id, held);
  if (watchers.length > 0) await Promise.all(watchers);
  if (step.actionItems) await startActionItems(stage, step, held);
}

/** Each action item of the minutes becomes a task of its owner, followed in a workflow of its own (R-EXP-6). */
async function startActionItems(stage: StageRun, step: MeetingStep, held: Completion): Promise<void> {
  const items = Array.isArray(held.data.actionItems) ? (held.data.actionItems as { item?: unknown; owner?: unknown; due?: unknown }[]) : [];
  const iteration = stage.iterations.get(step.id) ?? 1;
  for (const [offset, action] of items.entries()) {
    if (typeof action.item !== 'string' || typeof action.owner !== 'string' || typeof action.due !== 'string') continue;
    const index = offset + 1;
    await startChild<typeof actionItemWorkflow>(childWorkflowType('actionItem'), {
      workflowId: `${stage.workflowId}/action/${step.id}/${iteration}/${index}`,
      parentClosePolicy: ParentClosePolicy.ABANDON,
      args: [
        {
          ...stage.input,
          cadence: undefined,
          steps: {},
          variables: { ...stage.variables },
          actionItem: { meetingStepId: step.id, iteration, index, item: action.item, owner: action.owner, due: action.due, organizer: step.organizer },
        },
      ],
    });
  }
}
