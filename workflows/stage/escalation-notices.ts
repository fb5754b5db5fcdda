import { patched } from '@temporalio/workflow';
import { type Assignee, type AuditAction, SYSTEM_ACTOR } from '@accord/contracts';
import { activities } from '../activities.proxy';
import type { StageRun } from './stage-run';
import type { TrackedTask } from './tracked-task';

/** Patch id: an escalation to a role (reminder, reassignment, notification) reaches the project's members in that role (issue 13). */
const ESCALATION_ROLE_MEMBERS = 'escalation-role-members';

type NoticeKind = 'reminder' | 'reassigned' | 'escalation';

/** Whom an escalation rung reaches: its recipient, and for a role the project's members in it (absent on the old path). */
export interface Reach {
  recipient: Assignee;
  members?: string[];
}

/**
 * Whether an escalation to `recipient` stands for the project's members in a role. Histories
 * recorded before this rule take the old path, where a role stood for itself; decided without
 * an await, so that path issues its commands exactly as it did.
 */
export function reachesMembers(recipient: Assignee): recipient is { role: string } {
  return 'role' in recipient && patched(ESCALATION_ROLE_MEMBERS);
}

/**
 * The project's members in a role (`members`, by user id). When nobody holds the role in the
 * project, the role as a whole stands for them (`members` empty, said so in the audit): the
 * stage never fails for it.
 */
export async function membersReached(stage: StageRun, recipient: { role: string }): Promise<Reach> {
  // An incident skipped by an admin returns nothing: the role then stands for itself.
  const members = (await activities.projectMembersInRole({ projectId: stage.projectId, role: recipient.role })) ?? [];
  return { recipient, members };
}

/** One message per member the escalation reaches (the recipient itself when none), audited once with whom it reached. */
export function notifyAll(
  stage: StageRun,
  task: TrackedTask,
  id: string,
  kind: NoticeKind,
  reach: Reach,
  subject: string,
  action?: AuditAction,
): Promise<void> {
  if (!reach.members?.length) return notify(stage, task, id, kind, reach.recipient, subject, action, reach);
  return notifyEach(stage, task, id, kind, reach.members, subject, action, reach);
}

async function notifyEach(
  stage: StageRun,
  task: TrackedTask,
  id: string,
  kind: NoticeKind,
  members: string[],
  subject: string,
  action: AuditAction | undefined,
  reach: Reach,
): Promise<void> {
  for (const [index, member] of members.entries()) {
    await notify(stage, task, `${id}:${member}`, kind, { user: member }, subject, index === 0 ? action : undefined, reach);
  }
}

async function notify(
  stage: StageRun,
  task: TrackedTask,
  id: string,
  kind: NoticeKind,
  recipient: Assignee,
  subject: string,
  action: AuditAction | undefined,
  reach: Reach,
): Promise<void> {
  const { projectId, stageId } = stage;
  const at = new Date().toISOString();
  await activities.enqueueNotification({
    id,
    projectId,
    taskId: task.opened.id,
    kind,
    recipient,
    subject,
    body: `${subject}. Project ${projectId}, stage ${stageId}, task ${task.opened.id}${task.opened.dueAt ? `, due ${task.opened.dueAt}` : ''}.`,
    at,
    audit: action
      ? stage.audit(id, {
          action,
          actor: SYSTEM_ACTOR,
          subject: task.opened.id,
          reason: fallbackNote(reach),
          detail: { recipient: reach.recipient, kind, ...reachDetail(reach) },
        })
      : undefined,
  });
}

/** What the audit says of a role resolved to the project's members. */
export function reachDetail(reach: Reach): Record<string, unknown> {
  return reach.members === undefined ? {} : { members: reach.members, ...(reach.members.length === 0 ? { fallback: 'role' } : {}) };
}

/** Why an escalation went to a whole role: nobody holds it in the project. */
export function fallbackNote(reach: Reach): string | undefined {
  return reach.members?.length === 0 && 'role' in reach.recipient
    ? `nobody holds role ${reach.recipient.role} in this project, so it went to the role`
    : undefined;
}
