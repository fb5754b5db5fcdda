import type { CustomerAnalyticsSettings } from './customer-analytics-settings';
import type { CustomerFacts, CustomerProjectStatus } from './customer-facts';
import { monthsBefore, seriesTrend, type SeriesTrend } from './series-trend';

export interface CustomerValueAnalysis {
  /** The annual contract value of the profile; null when none was given. */
  contractValue: number | null;
  /** How many projects ended each way (and run), with their ids. */
  outcomes: Record<CustomerProjectStatus, string[]>;
  /** Goals met over goals set in their projects' KPIs; null when none was set. */
  goalsMetRatio: number | null;
  goals: { set: number; met: number };
  /** Over the last `months` months. */
  trends: { months: number; satisfaction: SeriesTrend; contractValue: SeriesTrend };
}

/**
 * What the customer is worth and how that goes: the contract value, their projects' outcomes
 * and goals met, and the satisfaction and contract-value trends over the configured window.
 */
export function analyseCustomerValue(
  facts: Omit<CustomerFacts, 'deviations' | 'openComplaints' | 'overdueActionItems' | 'lastActivityAt'>,
  settings: CustomerAnalyticsSettings['trend'],
  now: Date,
): CustomerValueAnalysis {
  const outcomes: Record<CustomerProjectStatus, string[]> = { running: [], completed: [], cancelled: [], rejected: [], failed: [] };
  for (const project of facts.projects) outcomes[project.status].push(project.id);
  const from = monthsBefore(now, settings.months);
  const window = { from, to: now, flatTolerance: settings.flatTolerance };
  return {
    contractValue: facts.contractValue,
    outcomes,
    goalsMetRatio: facts.goals.set === 0 ? null : facts.goals.met / facts.goals.set,
    goals: { ...facts.goals },
    trends: {
      months: settings.months,
      satisfaction: seriesTrend(facts.satisfaction, window),
      contractValue: seriesTrend(valueSteps(facts.contractValues, from, now), window),
    },
  };
}

/**
 * A contract value holds until the next one, so the window starts with the value in force
 * then and ends with the value in force now; changes in between count where they happened.
 */
function valueSteps(values: CustomerFacts['contractValues'], from: Date, now: Date): CustomerFacts['contractValues'] {
  const sorted = [...values].sort((a, b) => a.at.getTime() - b.at.getTime());
  const before = sorted.filter((value) => value.at < from).at(-1);
  const within = sorted.filter((value) => value.at >= from && value.at <= now);
  const current = sorted.filter((value) => value.at <= now).at(-1);
  const steps = [...(before ? [{ ...before, at: from }] : []), ...within];
  if (current && steps.at(-1)?.at.getTime() !== now.getTime()) steps.push({ ...current, at: now });
  return steps;
}
