import { completeTaskUpdate, type CompleteTaskResult, type ProjectWorkflowResult, raiseEventUpdate } from '@accord/contracts';
import { type WorkflowHandle, WorkflowUpdateFailedError } from '@temporalio/client';
import type { TaskEntity } from '@accord/persistence';
import type { TimeSkippingAccord } from './time-skipping-accord';

const DAY = 24 * 3_600_000;

/** How a scripted participant answers a task: as whom, with which outcome and form data. */
export interface ScriptedAnswer {
  user: string;
  role: string;
  outcome?: string;
  data?: Record<string, unknown>;
}

/** Decides each open task on a given project day: an answer, or undefined to leave it open today. */
export type Participants = (task: TaskEntity, day: number) => ScriptedAnswer | undefined;

/** An event raised on a given project day, as a member would through the API. */
export interface ScriptedEvent {
  day: number;
  signal: string;
  raisedBy: string;
  data: Record<string, unknown>;
}

export interface AutopilotRun {
  result: ProjectWorkflowResult;
  /** Every completion the participants made, with the project day it was made on. */
  answered: { taskId: string; stepId: string; day: number; result: CompleteTaskResult }[];
  /** Completions the workflow refused (invalid form data…), with its reason. */
  refused: { taskId: string; stepId: string; day: number; message: string }[];
}

/**
 * Drives a project on the time-skipping server day by day, as its participants would:
 * each day it answers every open task the script answers (and whatever that opens), raises
 * the day's events, then lets a day pass. Ends when the project workflow does.
 */
export async function runWithParticipants(
  accord: TimeSkippingAccord,
  handle: WorkflowHandle,
  projectId: string,
  participants: Participants,
  options: { events?: ScriptedEvent[]; maxDays: number },
): Promise<AutopilotRun> {
  const answered: AutopilotRun['answered'] = [];
  const refused: AutopilotRun['refused'] = [];
  for (let day = 0; day <= options.maxDays; day++) {
    for (const event of options.events?.filter((candidate) => candidate.day === day) ?? []) {
      await settle(accord, projectId);
      await handle.executeUpdate(raiseEventUpdate, { args: [{ signal: event.signal, raisedBy: event.raisedBy, data: event.data, requestId: `${event.signal}-day-${day}` }] });
    }
    for (let progress = true; progress; ) {
      await settle(accord, projectId);
      progress = false;
      const open = await accord.tasks.find({ where: { projectId, status: 'open' }, order: { createdAt: 'ASC', id: 'ASC' } });
      for (const task of open) {
        const answer = participants(task, day);
        if (!answer) continue;
        const attempt = refused.filter((refusal) => refusal.taskId === task.id).length;
        try {
          const result = await accord.env.client.workflow.getHandle(task.workflowId).executeUpdate(completeTaskUpdate, {
            args: [{ taskId: task.id, actor: { userId: answer.user, roles: [answer.role] }, outcome: answer.outcome ?? task.outcomes[0], data: answer.data ?? {}, requestId: `answer-${task.id}-${attempt}` }],
          });
          answered.push({ taskId: task.id, stepId: task.stepId, day, result });
          progress = true;
        } catch (error) {
          if (!(error instanceof WorkflowUpdateFailedError)) throw error;
          refused.push({ taskId: task.id, stepId: task.stepId, day, message: error.cause?.message ?? error.message });
          // A participant corrects their answer once a day at most; a script that keeps failing does not loop.
          progress = attempt === 0;
        }
      }
    }
    // Not handle.result(): on the time-skipping server, awaiting a result lets time run on by itself.
    if ((await handle.describe()).status.name !== 'RUNNING') return { result: (await handle.result()) as ProjectWorkflowResult, answered, refused };
    await accord.env.sleep(DAY);
  }
  throw new Error(`Project ${projectId} did not finish in ${options.maxDays} days`);
}

/** Waits until the project's audit trail stops growing: the workflows have done what the last change caused. */
async function settle(accord: TimeSkippingAccord, projectId: string): Promise<void> {
  let last = -1;
  for (let quiet = 0; quiet < 3; ) {
    const count = await accord.database.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE project_id = $1`, [projectId]).then((rows: { n: number }[]) => rows[0].n);
    quiet = count === last ? quiet + 1 : 0;
    last = count;
    await new Promise((resolve) => setTimeout(resolve, 60));
  }
}
