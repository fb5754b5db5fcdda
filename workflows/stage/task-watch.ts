import { ApplicationFailure, condition } from '@temporalio/workflow';
import { type Assignee, type Escalation, SYSTEM_ACTOR } from '@accord/contracts';
import { activities } from '../activities.proxy';
import { runEscalationLadder } from '../escalation-ladder';
import { fallbackNote, membersReached, notifyAll, reachDetail, reachesMembers } from './escalation-notices';
import type { StageRun } from './stage-run';

/**
 * Starts what runs beside an open task (a task, an approver's slot, a meeting's record) until
 * it closes: its escalation ladder, and its pause tracking when its clock pauses.
 */
export function watch(stage: StageRun, id: string, escalations: Escalation[], pauses: boolean): Promise<void>[] {
  const watchers = [escalate(stage, id, escalations), ...(pauses ? [trackPauses(stage, id)] : [])];
  for (const watcher of watchers) {
    // When the task's scope is cancelled (its cadence ended, its branch lost) nobody awaits these any
    // more, and their timers end in a cancellation: expected, and no reason to fail the stage.
    void watcher.catch(() => undefined);
  }
  return watchers;
}

/** Runs a task's escalation ladder on durable timers until the task closes. */
function escalate(stage: StageRun, id: string, escalations: Escalation[]): Promise<void> {
  const task = stage.tasks.get(id)!;
  return runEscalationLadder(escalations, new Date(task.opened.openedAt), stage.compiled.calendar, {
    isOpen: () => task.status === 'open',
    act: (rung) => applyRung(stage, id, rung),
    clock: task.clock,
  });
}

/**
 * Stops a task's clock while the stage waits on an external role and starts it again
 * after, pushing its due date back by the pause; both moments are recorded and audited.
 */
async function trackPauses(stage: StageRun, id: string): Promise<void> {
  const task = stage.tasks.get(id)!;
  const clock = task.clock!;
  let pauses = 0;
  for (;;) {
    await condition(() => task.status !== 'open' || stage.waitingOnExternal(id) !== (clock.since !== undefined));
    if (task.status !== 'open') return;
    const now = Date.now();
    const pausing = clock.since === undefined;
    if (pausing) clock.since = now;
    else {
      clock.pausedMs += now - clock.since!;
      clock.since = undefined;
    }
    pauses += pausing ? 1 : 0;
    await activities.recordTaskPause({
      taskId: id,
      pausedSince: pausing ? new Date(now).toISOString() : null,
      pausedMs: clock.pausedMs,
      dueAt: task.dueAt === undefined ? null : new Date(task.dueAt + clock.pausedMs).toISOString(),
      audit: stage.audit(`${id}:${pausing ? 'paused' : 'resumed'}:${pauses}`, {
        action: pausing ? 'task.paused' : 'task.resumed',
        actor: SYSTEM_ACTOR,
        subject: id,
        reason: pausing ? 'waiting on an external role' : 'no longer waiting on an external role',
        detail: { pausedMs: clock.pausedMs },
      }),
    });
  }
}

/** One rung of a task's escalation ladder: a reminder, a notification, a reassignment, or a decision by the engine. */
export async function applyRung(stage: StageRun, id: string, rung: Escalation): Promise<void> {
  const task = stage.tasks.get(id)!;
  const key = `${id}:${rung.action}:${JSON.stringify(rung.after)}`;
  const title = task.opened.title;
  switch (rung.action) {
    case 'remind': {
      // Whoever claimed the task is the one it waits for, not the pool it was offered to.
      const waitingFor: Assignee = task.claimedBy ? { user: task.claimedBy } : task.assignee;
      const reach = reachesMembers(waitingFor) ? await membersReached(stage, waitingFor) : { recipient: waitingFor };
      return notifyAll(stage, task, key, 'reminder', reach, `Reminder: "${title}" is waiting for you`, 'task.reminded');
    }
    case 'notify': {
      const reach = reachesMembers(rung.to!) ? await membersReached(stage, rung.to!) : { recipient: rung.to! };
      return notifyAll(stage, task, key, 'escalation', reach, `Escalation: "${title}" has not been done in time`, 'task.escalated');
    }
    case 'reassign': {
      const from = task.assignee;
      const reach = reachesMembers(rung.to!) ? await membersReached(stage, rung.to!) : { recipient: rung.to! };
      // One member in the role gets the task; several share it as the role's pool, which offers it to this project's members only.
      const to: Assignee = reach.members?.length === 1 ? { user: reach.members[0] } : rung.to!;
      task.assignee = to;
      task.claimedBy = undefined;
      await activities.recordTaskAssignment({
        taskId: id,
        assignee: to,
        claimedBy: null,
        audit: stage.audit(key, {
          action: 'task.reassigned',
          actor: SYSTEM_ACTOR,
          subject: id,
          reason: ['escalation: not done in time', fallbackNote(reach)].filter(Boolean).join('; '),
          detail: { from, to, ...reachDetail(reach) },
        }),
      });
      return notifyAll(stage, task, `${key}:message`, 'reassigned', reach, `"${title}" was reassigned to you`);
    }
    case 'auto-decide':
      await stage.completeTracked(id, {
        outcome: rung.outcome!,
        data: {},
        comment: 'decided automatically: no decision in time',
        by: SYSTEM_ACTOR,
        requestId: key,
      });
      return;
    default: {
      const unknown: never = rung.action;
      throw ApplicationFailure.nonRetryable(`Unknown escalation action ${String(unknown)}`);
    }
  }
}
