/** What a line of a project's timeline reports (the API's timeline and the simulation's share them). */
export type TimelineKind =
  | 'stage-started'
  | 'stage-completed'
  | 'task-opened'
  | 'task-completed'
  | 'reminder'
  | 'escalation'
  | 'meeting'
  | 'milestone-confirmation'
  | 'deviation-breach'
  | 'corrective-action'
  | 'change-request'
  | 'baseline-published'
  | 'feedback'
  | 'survey'
  | 'churn-warning'
  | 'incident'
  | 'project-cancelled';

export const TIMELINE_KINDS: readonly TimelineKind[] = [
  'stage-started',
  'stage-completed',
  'task-opened',
  'task-completed',
  'reminder',
  'escalation',
  'meeting',
  'milestone-confirmation',
  'deviation-breach',
  'corrective-action',
  'change-request',
  'baseline-published',
  'feedback',
  'survey',
  'churn-warning',
  'incident',
  'project-cancelled',
];

/** One dated line of a project's history, for people: `detail` is a sentence. */
export interface TimelineEntry {
  at: string;
  kind: TimelineKind;
  /** The stage it happened in, when there is one. */
  stage: string | null;
  detail: string;
  /** The task, event or stage it is about. */
  subject?: string;
}
