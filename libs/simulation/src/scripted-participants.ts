import type { TaskEntity } from '@accord/persistence';
import type { ActorsScript, ScriptedReply } from './actors-script';

/** How a scripted participant answers a task: as whom, with which outcome and form data. */
export interface ScriptedAnswer {
  user: string;
  role: string;
  outcome?: string;
  data?: Record<string, unknown>;
}

/** What a participant knows when a task is in front of them. */
export interface TaskMoment {
  day: number;
  /** How many answers to this task were refused before. */
  refused: number;
  /** The project day a stage's first task appeared, once it has. */
  stageDay: (stageId: string) => number | undefined;
}

/** Decides each open task: an answer, or undefined to leave it open today. */
export type Participants = (task: TaskEntity, moment: TaskMoment) => ScriptedAnswer | undefined;

const pick = (replies: ScriptedReply[], index: number) => replies[Math.min(index, replies.length - 1)];

/** The participants an actors script describes. */
export function participantsFrom(script: ActorsScript): Participants {
  return (task, moment) => {
    // A meeting's action item (`<meeting>-action-<n>`) is owed by the user the minutes named.
    if (/-action-\d+$/.test(task.stepId) && task.assigneeUser) {
      const role = Object.keys(script.people).find((candidate) => script.people[candidate] === task.assigneeUser) ?? 'member';
      return script.actionItems === 'done' ? { user: task.assigneeUser, role, outcome: 'done' } : undefined;
    }
    const entry = script.tasks[task.stepId];
    const role = task.candidateRole ?? Object.keys(script.people).find((candidate) => script.people[candidate] === task.assigneeUser);
    if (!role || !script.people[role]) return undefined;
    const answer = (reply: ScriptedReply): ScriptedAnswer => ({ user: task.assigneeUser ?? script.people[role], role, ...reply });
    if (!entry) {
      if (task.kind === 'meeting') return answer({ data: script.meetings });
      return task.kind === 'approval' && script.approvals !== 'ignore' ? answer({ outcome: script.approvals }) : undefined;
    }
    if (entry.ignore || (entry.roles && !entry.roles.includes(role))) return undefined;
    if (entry.fromDay !== undefined && moment.day < entry.fromDay) return undefined;
    if (entry.after) {
      const started = moment.stageDay(entry.after.stage);
      if (started === undefined || moment.day < started + entry.after.days) return undefined;
    }
    if (entry.attempts) return answer(pick(entry.attempts, moment.refused));
    // Task ids end in the occurrence: `…:<step>:<iteration>`.
    if (entry.occurrences) return answer(pick(entry.occurrences, Number(task.id.split(':').at(-1)) - 1));
    const outcome = entry.outcome ?? (task.kind === 'approval' && script.approvals !== 'ignore' ? script.approvals : undefined);
    return answer({ outcome, data: entry.data ?? (task.kind === 'meeting' ? script.meetings : undefined) });
  };
}
