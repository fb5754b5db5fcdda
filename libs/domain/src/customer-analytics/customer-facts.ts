import type { DatedFigure } from './series-trend';

export type CustomerProjectStatus = 'running' | 'completed' | 'rejected' | 'failed' | 'cancelled';

/** A project run for the customer, as far as the analyses need it. */
export interface CustomerProjectFact {
  id: string;
  status: CustomerProjectStatus;
  startedAt: Date;
  finishedAt: Date | null;
}

/** A dated record that a signal counts (a complaint, a deviation, an action item). */
export interface DatedRecord {
  id: string;
  projectId: string;
  at: Date;
}

/** Everything the three analyses of a customer are computed from, gathered set-based by the API. */
export interface CustomerFacts {
  projects: CustomerProjectFact[];
  /** The annual contract value of the profile, null when none was given. */
  contractValue: number | null;
  /** Every contract value the profile had, with when it was set. */
  contractValues: DatedFigure[];
  /** Satisfaction survey readings (the mean of the answers, 1..5). */
  satisfaction: DatedFigure[];
  /** Goals set and met over the projects, from their KPIs. */
  goals: { set: number; met: number };
  /** Deviation analyses and schedule-deviation breaches. */
  deviations: DatedRecord[];
  /** Complaints not closed yet. */
  openComplaints: DatedRecord[];
  /** Open action items owed to the customer past their due time (`at`: when they fell due). */
  overdueActionItems: DatedRecord[];
  /** The latest activity in any of their projects (a start, an end, a task done, an event, a reading). */
  lastActivityAt: Date | null;
}
