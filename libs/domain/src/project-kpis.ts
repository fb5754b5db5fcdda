import type { IncentiveRecommendation, MetricName, MetricReading, ProjectKpis, SmartGoal } from '@accord/contracts';
import { satisfactionScore } from './expectation-metrics';
import { goalReached } from './smart-goal-check';

/** What the KPIs of a project are computed from at close. */
export interface KpiInputs {
  /** The goals of the baseline in force. */
  goals: SmartGoal[];
  /** What was measured for each goal at acceptance (by index in `goals`). */
  verifications: { goal: number; actual: number }[];
  readings: Pick<MetricReading, 'metric' | 'value' | 'at'>[];
  survey?: { overall: number; deliverables: number; service: number };
  feedback: { raisedAt: string; closedAt?: string; complaint: boolean }[];
  deviationBreaches: number;
  changeRequests: number;
}

const HOUR = 3_600_000;

function latest(readings: KpiInputs['readings'], metric: MetricName): number | undefined {
  return readings
    .filter((reading) => reading.metric === metric)
    .sort((a, b) => a.at.localeCompare(b.at))
    .at(-1)?.value;
}

/**
 * The project's KPIs (R-EXP-10): satisfaction score, goals met / goals set (a goal is met
 * when what was measured reaches its target), the last schedule deviation and non-conformity
 * rate, the mean time to close feedback, complaints, breaches and change requests.
 */
export function computeProjectKpis(inputs: KpiInputs): ProjectKpis {
  const met = new Set(inputs.verifications.filter(({ goal, actual }) => inputs.goals[goal] && goalReached(inputs.goals[goal], actual)).map(({ goal }) => goal));
  const closed = inputs.feedback.filter((item) => item.closedAt !== undefined);
  const responseMs = closed.reduce((sum, item) => sum + (Date.parse(item.closedAt!) - Date.parse(item.raisedAt)), 0);
  const satisfaction = inputs.survey ? satisfactionScore(inputs.survey) : latest(inputs.readings, 'satisfaction');
  const kpis: ProjectKpis = {
    goalsSet: inputs.goals.length,
    goalsMet: met.size,
    feedbackItems: inputs.feedback.length,
    complaints: inputs.feedback.filter((item) => item.complaint).length,
    deviationBreaches: inputs.deviationBreaches,
    changeRequests: inputs.changeRequests,
  };
  const scheduleDeviation = latest(inputs.readings, 'schedule_deviation');
  const nonConformityRate = latest(inputs.readings, 'non_conformity_rate');
  if (satisfaction !== undefined) kpis.satisfactionScore = round(satisfaction);
  if (inputs.goals.length > 0) kpis.goalsMetRatio = round(met.size / inputs.goals.length);
  if (scheduleDeviation !== undefined) kpis.scheduleDeviation = round(scheduleDeviation);
  if (nonConformityRate !== undefined) kpis.nonConformityRate = round(nonConformityRate);
  if (closed.length > 0) kpis.feedbackResponseHours = round(responseMs / closed.length / HOUR);
  return kpis;
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;

/** One internal team member's work on the project. */
export interface MemberRecord {
  member: string;
  roles: string[];
  /** Tasks they completed, and whether each was done by its due date. */
  tasks: { onTime: boolean }[];
}

/**
 * An incentive recommendation per team member: a reward when they did their tasks on time
 * (90% or more) on a project the customer rated well (4 of 5 or more) that met most of its
 * goals (80% or more); coaching when they were often late (under 60% on time) or the
 * customer was unhappy (under 3); otherwise standard.
 */
export function recommendIncentives(members: MemberRecord[], kpis: ProjectKpis): IncentiveRecommendation[] {
  const projectWentWell = (kpis.satisfactionScore ?? 0) >= 4 && (kpis.goalsMetRatio ?? 0) >= 0.8;
  const customerUnhappy = kpis.satisfactionScore !== undefined && kpis.satisfactionScore < 3;
  return members.map(({ member, roles, tasks }) => {
    const onTime = tasks.filter((task) => task.onTime).length;
    const onTimeRatio = tasks.length > 0 ? round(onTime / tasks.length) : undefined;
    const base = { member, roles, tasksCompleted: tasks.length, ...(onTimeRatio === undefined ? {} : { onTimeRatio }) };
    const share = onTimeRatio === undefined ? 'no tasks of their own' : `${onTime} of ${tasks.length} tasks on time`;
    if (onTimeRatio !== undefined && onTimeRatio >= 0.9 && projectWentWell) {
      return { ...base, level: 'reward', reason: `${share}; satisfaction ${kpis.satisfactionScore}, ${kpis.goalsMet} of ${kpis.goalsSet} goals met` };
    }
    if ((onTimeRatio !== undefined && onTimeRatio < 0.6) || customerUnhappy) {
      return { ...base, level: 'coaching', reason: customerUnhappy ? `customer satisfaction ${kpis.satisfactionScore} of 5; ${share}` : share };
    }
    return { ...base, level: 'standard', reason: share };
  });
}
