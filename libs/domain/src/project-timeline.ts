import type { AuditAction, TaskKind, TimelineEntry, TimelineKind } from '@accord/contracts';
import { CHANGE_REQUEST_SIGNAL, CHURN_WARNING_SIGNAL, FEEDBACK_SIGNALS } from '@accord/contracts';

/** An audit row, with the task it is about when it is about one. */
export interface TimelineSource {
  action: AuditAction;
  at: string;
  actor: string;
  subject?: string | null;
  detail: Record<string, unknown>;
  task?: { kind: TaskKind; form: string | null; stageId: string; title: string };
}

/**
 * Completed tasks whose form makes them more than "a task was done". The names are the
 * forms of the shipped customer-expectation definition; other definitions' tasks show as
 * task-completed.
 */
export const TIMELINE_FORM_KINDS: Readonly<Record<string, TimelineKind>> = {
  'milestone-confirmation': 'milestone-confirmation',
  'satisfaction-survey': 'survey',
  'deviation-analysis': 'corrective-action',
  'follow-up-check': 'corrective-action',
  'feedback-item': 'feedback',
};

const percent = (value: unknown) => (typeof value === 'number' ? `${(value * 100).toFixed(1)}%` : String(value));

function completion(
  source: TimelineSource & { task: NonNullable<TimelineSource['task']> },
  formKinds: Readonly<Record<string, TimelineKind>>,
): { kind: TimelineKind; detail: string } {
  const { task, actor } = source;
  const data = (source.detail.data ?? {}) as Record<string, unknown>;
  const kind = (task.form ? formKinds[task.form] : undefined) ?? (task.kind === 'meeting' ? 'meeting' : 'task-completed');
  const outcome = typeof source.detail.outcome === 'string' ? source.detail.outcome : 'done';
  switch (kind) {
    case 'meeting': {
      const actions = Array.isArray(data.actionItems) ? data.actionItems.length : 0;
      return { kind, detail: `"${task.title}" held, minutes by ${actor}${actions > 0 ? `, ${actions} action item${actions === 1 ? '' : 's'}` : ''}` };
    }
    case 'milestone-confirmation':
      return { kind, detail: `"${task.title}" held with the customer, minutes by ${actor}` };
    case 'survey': {
      // The review process's survey has only an overall mark: say the marks there are.
      const marks = ['overall', 'deliverables', 'service'].filter((mark) => typeof data[mark] === 'number').map((mark) => `${mark} ${String(data[mark])}`);
      return { kind, detail: `survey answered by ${actor}${marks.length > 0 ? `: ${marks.join(', ')}` : ''}` };
    }
    case 'corrective-action': {
      if (typeof data.effective === 'boolean')
        return { kind, detail: `follow-up by ${actor}: corrective actions ${data.effective ? 'effective' : 'not effective, re-planning'}` };
      const actions = Array.isArray(data.correctiveActions) ? (data.correctiveActions as { action?: string; owner?: string }[]) : [];
      return { kind, detail: `corrective actions planned by ${actor}: ${actions.map((action) => `${action.action} (${action.owner})`).join('; ')}` };
    }
    case 'feedback':
      return { kind, detail: `feedback routed by ${actor}${typeof data.owner === 'string' ? ` to ${data.owner}` : ''}` };
    default:
      return {
        kind,
        detail: `"${task.title}" ${task.kind === 'approval' ? `${outcome === 'approve' ? 'approved' : outcome} by ${actor}` : `completed by ${actor}`}`,
      };
  }
}

/** One audit row as a timeline line, or nothing when people would not look for it there. */
function entryOf(source: TimelineSource, formKinds: Readonly<Record<string, TimelineKind>>): Omit<TimelineEntry, 'at'> | undefined {
  const subject = source.subject ?? undefined;
  const during = typeof source.detail.during === 'string' ? source.detail.during : null;
  const { task } = source;
  switch (source.action) {
    case 'stage.started':
      return { kind: 'stage-started', stage: subject ?? null, detail: `stage ${subject} started`, subject };
    case 'stage.completed': {
      const ended = source.detail.outcome === 'rejected' ? 'rejected' : source.detail.outcome === 'skipped' ? 'skipped after it failed' : 'completed';
      return { kind: 'stage-completed', stage: subject ?? null, detail: `stage ${subject} ${ended}`, subject };
    }
    case 'incident.raised': {
      const what =
        source.detail.kind === 'stage-failed'
          ? `stage ${String(source.detail.stage ?? subject)} failed`
          : source.detail.kind === 'event-budget'
            ? `stage ${String(source.detail.stage)} outgrew its event budget`
            : `${String(source.detail.activity)} failed`;
      return {
        kind: 'incident',
        stage: typeof source.detail.stage === 'string' ? source.detail.stage : null,
        detail: `incident: ${what} (${String(source.detail.errorType)}): ${String(source.detail.message ?? '')}`,
        subject,
      };
    }
    case 'incident.resolved':
      return {
        kind: 'incident',
        stage: null,
        detail: `incident resolved by ${source.actor}: ${String(source.detail.action)}${typeof source.detail.reason === 'string' ? ` (${source.detail.reason})` : ''}`,
        subject,
      };
    case 'project.cancelled':
      return {
        kind: 'project-cancelled',
        stage: subject ?? null,
        detail: `project cancelled by ${source.actor}${typeof source.detail.reason === 'string' ? `: ${source.detail.reason}` : ''}`,
        subject,
      };
    case 'task.opened':
      return task ? { kind: 'task-opened', stage: task.stageId, detail: `"${task.title}" opened`, subject } : undefined;
    case 'task.completed':
    case 'approval.decided':
    case 'task.auto-decided':
      return task ? { ...completion({ ...source, task }, formKinds), stage: task.stageId, subject } : undefined;
    case 'task.reminded':
      return task ? { kind: 'reminder', stage: task.stageId, detail: `reminder: "${task.title}" is overdue`, subject } : undefined;
    case 'task.reassigned':
    case 'task.escalated': {
      if (!task) return undefined;
      const to = (source.detail.to ?? source.detail.recipient) as { role?: string; user?: string } | undefined;
      const who = to?.user ?? (to?.role ? `role ${to.role}` : 'the next level');
      const what = source.action === 'task.reassigned' ? 'reassigned to' : 'not done in time: escalated to';
      return { kind: 'escalation', stage: task.stageId, detail: `"${task.title}" ${what} ${who}`, subject };
    }
    case 'metric.breached': {
      const { value, threshold } = (source.detail.data ?? {}) as { value?: number; threshold?: { above?: number; below?: number } };
      const bound = threshold?.above !== undefined ? `±${percent(threshold.above)}` : `below ${String(threshold?.below)}`;
      return {
        kind: 'deviation-breach',
        stage: during,
        detail: `${subject} at ${subject === 'satisfaction' ? String(value) : percent(value)} (threshold ${bound}): ${String(source.detail.starts)} started`,
        subject,
      };
    }
    case 'customer.churn-warning':
      return { kind: 'churn-warning', stage: during, detail: churnWarningLine(source.detail, null), subject };
    case 'event.raised': {
      const name = subject ?? '';
      if (name === CHURN_WARNING_SIGNAL)
        return {
          kind: 'churn-warning',
          stage: during,
          detail: churnWarningLine((source.detail.data ?? {}) as Record<string, unknown>, source.detail.starts),
          subject,
        };
      const kind: TimelineKind | undefined = name === CHANGE_REQUEST_SIGNAL ? 'change-request' : FEEDBACK_SIGNALS.includes(name) ? 'feedback' : undefined;
      if (!kind) return undefined;
      const data = (source.detail.data ?? {}) as Record<string, unknown>;
      const about = [data.trigger, data.summary, data.description, data.reason].find((value) => typeof value === 'string');
      return { kind, stage: during, detail: `${name} by ${source.actor}${about ? `: ${String(about)}` : ''}`, subject };
    }
    case 'baseline.published': {
      const signatures = (source.detail.signatures ?? []) as { approver: string; by: string }[];
      return {
        kind: 'baseline-published',
        stage: typeof source.detail.stage === 'string' ? source.detail.stage : null,
        detail: `baseline v${String(source.detail.version)} with ${String(source.detail.goals)} goals, signed by ${signatures.map((signature) => `${signature.by} (${signature.approver.replace(/^role:/, '')})`).join(' and ')}`,
        subject,
      };
    }
    default:
      return undefined;
  }
}

/** What a churn warning said: the customer, the score over the threshold, the signals that weighed most, and what it started. */
function churnWarningLine(data: Record<string, unknown>, starts: unknown): string {
  const signals = Array.isArray(data.signals) ? (data.signals as { explanation?: unknown }[]).map((signal) => String(signal.explanation)) : [];
  const score = typeof data.churnScore === 'number' ? data.churnScore.toFixed(2) : '?';
  const threshold = typeof data.churnThreshold === 'number' ? data.churnThreshold.toFixed(2) : '?';
  return `churn warning for ${String(data.customerKey)}: score ${score} above ${threshold}${signals.length > 0 ? ` (${signals.join('; ')})` : ''}: ${typeof starts === 'string' ? `${starts} started` : 'no handler in this definition'}`;
}

/**
 * A project's history as dated lines for people (R-EXP-6/7/8, the simulation's timeline):
 * stages, tasks, reminders and escalations, meetings, milestone confirmations, breaches and
 * the corrective actions they led to, change requests and the baselines they produced,
 * feedback and surveys. Sources are read in audit order.
 */
export function projectTimeline(sources: TimelineSource[], formKinds: Readonly<Record<string, TimelineKind>> = TIMELINE_FORM_KINDS): TimelineEntry[] {
  return sources.flatMap((source) => {
    const entry = entryOf(source, formKinds);
    return entry ? [{ at: source.at, ...entry }] : [];
  });
}
