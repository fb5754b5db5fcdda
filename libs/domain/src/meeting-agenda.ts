import { CHANGE_REQUEST_SIGNAL, type MetricName } from '@accord/contracts';

/** What is open in a project when a meeting is called: the agenda is prefilled from it. */
export interface ProjectSituation {
  openEvents: { kind: 'signal' | 'metric-breach'; name: string; data: Record<string, unknown>; raisedAt: string }[];
  latestReadings: { metric: MetricName; value: number; at: string }[];
  overdueTasks: { title: string; dueAt: string; assignee: string }[];
}

const METRIC_LABELS: Record<MetricName, (value: number) => string> = {
  schedule_deviation: (value) => `Schedule deviation ${(value * 100).toFixed(1)}%`,
  non_conformity_rate: (value) => `Non-conformity rate ${(value * 100).toFixed(1)}%`,
  satisfaction: (value) => `Customer satisfaction ${value.toFixed(1)} of 5`,
};

const day = (at: string) => at.slice(0, 10);

/**
 * Agenda points from what is open (R-EXP-6): feedback and complaints not yet closed,
 * changes under negotiation, deviations under analysis, the latest metrics and overdue
 * tasks, so a meeting starts from where the project stands.
 */
export function prefilledAgenda(situation: ProjectSituation): string[] {
  const events = situation.openEvents.map((event) => {
    if (event.kind === 'metric-breach')
      return `Deviation analysis under way: ${METRIC_LABELS[event.name as MetricName]?.(Number(event.data.value)) ?? event.name} since ${day(event.raisedAt)}`;
    const about = [event.data.description, event.data.summary, event.data.reason, event.data.trigger].find((value) => typeof value === 'string') as
      string | undefined;
    const what = event.name === CHANGE_REQUEST_SIGNAL ? 'Change request in negotiation' : event.name === 'complaint' ? 'Open complaint' : `Open ${event.name}`;
    return `${what}${about ? `: ${about}` : ''} (since ${day(event.raisedAt)})`;
  });
  const metrics = situation.latestReadings.map((reading) => `${METRIC_LABELS[reading.metric](reading.value)} (${day(reading.at)})`);
  const overdue = situation.overdueTasks.map((task) => `Overdue: ${task.title} (due ${day(task.dueAt)}, ${task.assignee})`);
  return [...events, ...metrics, ...overdue];
}
