import { CHURN_SIGNALS, type ChurnSignalName, type CustomerAnalyticsSettings } from './customer-analytics-settings';
import type { CustomerFacts, DatedRecord } from './customer-facts';
import { monthsBefore, seriesTrend } from './series-trend';

export interface ChurnSignal {
  name: ChurnSignalName;
  weight: number;
  /** 0..1: the measured amount over the amount that counts in full. */
  value: number;
  /** weight × value, the signal's part of the score before normalising. */
  contribution: number;
  /** The amount measured (points of satisfaction lost, records counted, days of silence) and where it counts in full. */
  measured: number;
  fullAt: number;
  /** What it was computed from. */
  from: { id: string; projectId?: string; at: string; value?: number }[];
  explanation: string;
}

export interface ChurnWarning {
  /** Σ weight × value / Σ weight, 0..1. */
  score: number;
  threshold: number;
  warning: boolean;
  signals: ChurnSignal[];
}

const DAY = 86_400_000;
const clamp01 = (value: number) => Math.min(1, Math.max(0, value));
const recordsFrom = (records: DatedRecord[]) => records.map((record) => ({ id: record.id, projectId: record.projectId, at: record.at.toISOString() }));

/**
 * How likely the customer is to leave, from weighted signals: falling satisfaction, repeated
 * schedule deviations, open complaints, overdue action items owed to them and long silence.
 * Each signal reports its weight, its value and the records it was computed from.
 */
export function churnWarning(facts: CustomerFacts, settings: Pick<CustomerAnalyticsSettings, 'churn' | 'trend'>, now: Date): ChurnWarning {
  const config = settings.churn.signals;
  const measures: Record<ChurnSignalName, () => Omit<ChurnSignal, 'name' | 'weight' | 'value' | 'contribution' | 'fullAt'>> = {
    fallingSatisfaction: () => {
      const trend = seriesTrend(facts.satisfaction, { from: monthsBefore(now, settings.trend.months), to: now, flatTolerance: settings.trend.flatTolerance });
      const drop = trend.change === null ? 0 : Math.max(0, -trend.change);
      return {
        measured: drop,
        from: trend.figures,
        explanation:
          trend.change === null
            ? `no satisfaction readings in both halves of the last ${settings.trend.months} months`
            : `satisfaction went from ${trend.earlier!.toFixed(2)} to ${trend.later!.toFixed(2)} over the last ${settings.trend.months} months`,
      };
    },
    scheduleDeviations: () => {
      const since = new Date(now.getTime() - settings.churn.windowDays * DAY);
      const recent = facts.deviations.filter((record) => record.at >= since && record.at <= now);
      return {
        measured: recent.length,
        from: recordsFrom(recent),
        explanation: `${recent.length} schedule deviation(s) in the last ${settings.churn.windowDays} days`,
      };
    },
    openComplaints: () => ({
      measured: facts.openComplaints.length,
      from: recordsFrom(facts.openComplaints),
      explanation: `${facts.openComplaints.length} complaint(s) not closed`,
    }),
    overdueActionItems: () => ({
      measured: facts.overdueActionItems.length,
      from: recordsFrom(facts.overdueActionItems),
      explanation: `${facts.overdueActionItems.length} action item(s) owed to the customer past due`,
    }),
    silence: () => {
      const days = facts.lastActivityAt === null ? 0 : Math.max(0, Math.floor((now.getTime() - facts.lastActivityAt.getTime()) / DAY));
      return {
        measured: days,
        from: facts.lastActivityAt === null ? [] : [{ id: 'last-activity', at: facts.lastActivityAt.toISOString() }],
        explanation: facts.lastActivityAt === null ? 'no project activity recorded' : `${days} day(s) since the last project activity`,
      };
    },
  };
  const signals = CHURN_SIGNALS.map((name): ChurnSignal => {
    const { weight, fullAt } = config[name];
    const measure = measures[name]();
    const value = clamp01(measure.measured / fullAt);
    return { name, weight, value, contribution: weight * value, fullAt, ...measure };
  });
  const totalWeight = signals.reduce((sum, signal) => sum + signal.weight, 0);
  const score = totalWeight === 0 ? 0 : signals.reduce((sum, signal) => sum + signal.contribution, 0) / totalWeight;
  return { score, threshold: settings.churn.threshold, warning: score > settings.churn.threshold, signals };
}
