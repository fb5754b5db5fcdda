import type { Assignee } from './compiled-definition';

/** `expired`: closed by the engine because nobody decided in time (an auto-decision or approval timeout). */
export type TaskStatus = 'open' | 'completed' | 'cancelled' | 'expired';
/** `meeting`: the organizer records that it was held, with its minutes and action items. */
export type TaskKind = 'task' | 'approval' | 'meeting';

/**
 * Task ids are deterministic so that a retried activity writes the same row:
 * `<projectId>:<stageId>:<stageRun>:<stepId>[.<slot>]:<iteration>`.
 * Colons rather than the workflow id's slashes keep the id one URL path segment.
 */
export function taskId(parts: { projectId: string; stageId: string; run: number; stepId: string; slot?: number; iteration: number }): string {
  const step = parts.slot === undefined ? parts.stepId : `${parts.stepId}.${parts.slot}`;
  return `${parts.projectId}:${parts.stageId}:${parts.run}:${step}:${parts.iteration}`;
}

/** What the workflow tells the read model when it opens a human task. */
export interface OpenedTask {
  id: string;
  projectId: string;
  workflowId: string;
  stageId: string;
  stepId: string;
  kind: TaskKind;
  title: string;
  assignee: Assignee;
  form?: string;
  outcomes: string[];
  priority: 'low' | 'normal' | 'high';
  dueAt?: string;
  openedAt: string;
  /** A meeting's agenda: the definition's points, then those prefilled from what is open. */
  agenda?: string[];
  /** For a meeting: who is invited (its record in `meetings`; the organizer is the assignee). */
  meeting?: { attendees: Assignee[] };
  /** For an action item of a meeting's minutes: which one it is (its record in `action_items`). */
  actionItem?: ActionItemOpened;
  /**
   * For an approval: who submitted the work it decides on, the only one who may withdraw it.
   * Absent when nobody did by hand, and in tasks opened before workflows sent it.
   */
  submittedBy?: string;
}

/** `cancelled`: closed without being held (the cadence or branch that called it ended first). */
export type MeetingStatus = 'scheduled' | 'held' | 'cancelled';
export type ActionItemStatus = 'open' | 'done' | 'cancelled';

/** An action item of a meeting's minutes, as its owner's task opens. */
export interface ActionItemOpened {
  /** The meeting's task id. */
  meetingId: string;
  /** Its place in the minutes, from 1. */
  index: number;
  item: string;
  owner: string;
  /** YYYY-MM-DD */
  due: string;
}

/** The caller of a completion, as the API authenticated them. */
export interface Actor {
  userId: string;
  roles: string[];
}

export interface CompleteTaskInput {
  taskId: string;
  actor: Actor;
  outcome: string;
  data: Record<string, unknown>;
  comment?: string;
  requestId: string;
}

export interface CompleteTaskResult {
  taskId: string;
  status: 'completed';
  outcome: string;
  completedBy: string;
  completedAt: string;
  requestId: string;
}

/** What a person does to an open task short of completing it. */
export type TaskAction =
  | { kind: 'claim' }
  | { kind: 'release' }
  | { kind: 'delegate'; to: string }
  | { kind: 'comment'; text: string }
  /** The submitter takes an approval request back (on any of its open approver tasks). */
  | { kind: 'withdraw' }
  /**
   * Sent by the engine (actor `system`) when `from` left the project: their claim is released
   * and a task handed to them personally goes back to the role it was offered to, or else to
   * `toRole`, the role they held.
   */
  | { kind: 'hand-back'; from: string; toRole: string | null };

export interface TaskActionInput {
  taskId: string;
  actor: Actor;
  action: TaskAction;
  requestId: string;
}

export interface TaskActionResult {
  taskId: string;
  assignee: Assignee;
  claimedBy: string | null;
  requestId: string;
}

/** Why a workflow refused a completion; the API maps each to an HTTP status. */
export enum TaskRejectionCode {
  NOT_FOUND = 'TASK_NOT_FOUND',
  ALREADY_COMPLETED = 'TASK_ALREADY_COMPLETED',
  CANCELLED = 'TASK_CANCELLED',
  EXPIRED = 'TASK_EXPIRED',
  CLAIMED_BY_OTHER = 'TASK_CLAIMED_BY_OTHER',
  NOT_CLAIMED = 'TASK_NOT_CLAIMED',
  NOT_SUBMITTER = 'TASK_NOT_SUBMITTER',
  FORBIDDEN = 'TASK_FORBIDDEN',
  INVALID_OUTCOME = 'TASK_INVALID_OUTCOME',
  INVALID_DATA = 'TASK_INVALID_DATA',
}

export interface FieldError {
  path: string;
  message: string;
}

/** Serialized into an update validator's error message so the API can recover the code and details. */
export interface TaskRejection {
  code: TaskRejectionCode;
  message: string;
  details: FieldError[];
}

export const TASK_REJECTION_PREFIX = 'accord-task-rejection:';

export function encodeTaskRejection(rejection: TaskRejection): string {
  return TASK_REJECTION_PREFIX + JSON.stringify(rejection);
}

export function decodeTaskRejection(message: string): TaskRejection | undefined {
  const at = message.indexOf(TASK_REJECTION_PREFIX);
  if (at < 0) return undefined;
  try {
    return JSON.parse(message.slice(at + TASK_REJECTION_PREFIX.length)) as TaskRejection;
  } catch {
    // A message that merely contains the prefix is not ours to decode.
    return undefined;
  }
}
