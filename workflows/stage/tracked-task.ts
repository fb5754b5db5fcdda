import type { OpenedTask } from '@accord/contracts';
import type { TaskUnderDecision } from '@accord/domain';
import type { PausableClock } from '../escalation-ladder';

export interface TrackedTask extends TaskUnderDecision {
  opened: OpenedTask;
  slot?: number;
  /** Present when the task's clock pauses while the stage waits on an external role. */
  clock?: PausableClock;
  /** Due date before any pause. */
  dueAt?: number;
}

export interface Completion {
  taskId: string;
  outcome: string;
  data: Record<string, unknown>;
  by: string;
  /** Workflow time of the completion. */
  at: string;
}

/** A person's (or the engine's) decision on a task. */
export interface TaskDecision {
  outcome: string;
  data: Record<string, unknown>;
  comment?: string;
  by: string;
  requestId: string;
}

/** The record of its own a task closes with: a meeting's, or an action item's. */
export const recordOf = (opened: OpenedTask): 'meeting' | 'action-item' | undefined =>
  opened.meeting ? 'meeting' : opened.actionItem ? 'action-item' : undefined;

/** A task's pause tracking, when its clock pauses while the stage waits on an external role. */
export function pausable(pauses: boolean, dueAt: string | undefined): Pick<TrackedTask, 'clock' | 'dueAt'> {
  return pauses ? { clock: { pausedMs: 0 }, dueAt: dueAt === undefined ? undefined : new Date(dueAt).getTime() } : {};
}
