/** One weighted signal of the churn warning: its share of the score, and the amount at which it counts in full. */
export interface ChurnSignalSetting {
  weight: number;
  fullAt: number;
}

export const CHURN_SIGNALS = ['fallingSatisfaction', 'scheduleDeviations', 'openComplaints', 'overdueActionItems', 'silence'] as const;
export type ChurnSignalName = (typeof CHURN_SIGNALS)[number];

/** How the company classifies its customers, reads trends and warns of churn (R-REV-7); changed at run time by admins. */
export interface CustomerAnalyticsSettings {
  classification: {
    /** Annual contract value from which a customer is A, and B (below B: C). */
    valueThresholds: { a: number; b: number };
    /** Number of projects from which a customer without a contract value is A, and B. */
    projectThresholds: { a: number; b: number };
    /** Days after the last project ended before a customer is dormant, and then lost. */
    dormantAfterDays: number;
    lostAfterDays: number;
  };
  trend: {
    /** The window of satisfaction and value trends, in months up to now. */
    months: number;
    /** A change of less than this fraction of the earlier figure is flat. */
    flatTolerance: number;
  };
  churn: {
    /** A score above this warns. */
    threshold: number;
    /** Days back in which deviations count. */
    windowDays: number;
    signals: Record<ChurnSignalName, ChurnSignalSetting>;
  };
}

/** The settings a company starts with. */
export const DEFAULT_CUSTOMER_ANALYTICS_SETTINGS: CustomerAnalyticsSettings = {
  classification: { valueThresholds: { a: 100_000, b: 20_000 }, projectThresholds: { a: 5, b: 2 }, dormantAfterDays: 90, lostAfterDays: 365 },
  trend: { months: 6, flatTolerance: 0.05 },
  churn: {
    threshold: 0.5,
    windowDays: 180,
    signals: {
      fallingSatisfaction: { weight: 0.3, fullAt: 1 },
      scheduleDeviations: { weight: 0.2, fullAt: 3 },
      openComplaints: { weight: 0.2, fullAt: 2 },
      overdueActionItems: { weight: 0.15, fullAt: 2 },
      silence: { weight: 0.15, fullAt: 60 },
    },
  },
};

/** What is inconsistent across fields of well-typed settings (each field alone is checked at the edge), by path. */
export function customerAnalyticsSettingsProblems(settings: CustomerAnalyticsSettings): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const { valueThresholds, projectThresholds, dormantAfterDays, lostAfterDays } = settings.classification;
  if (valueThresholds.a <= valueThresholds.b)
    problems.push({ path: 'classification.valueThresholds.a', message: `must be above valueThresholds.b (${valueThresholds.b})` });
  if (projectThresholds.a <= projectThresholds.b)
    problems.push({ path: 'classification.projectThresholds.a', message: `must be above projectThresholds.b (${projectThresholds.b})` });
  if (lostAfterDays <= dormantAfterDays)
    problems.push({ path: 'classification.lostAfterDays', message: `must be above dormantAfterDays (${dormantAfterDays})` });
  if (CHURN_SIGNALS.every((name) => settings.churn.signals[name].weight === 0))
    problems.push({ path: 'churn.signals', message: 'at least one signal needs a weight above 0' });
  return problems;
}
