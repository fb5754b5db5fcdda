import { customerAnalyticsSettingsProblems, DEFAULT_CUSTOMER_ANALYTICS_SETTINGS } from './customer-analytics-settings';
import { settingsWith } from './customer-facts.builder';

describe(customerAnalyticsSettingsProblems.name, () => {
  it('accepts the defaults', () => {
    expect(customerAnalyticsSettingsProblems(DEFAULT_CUSTOMER_ANALYTICS_SETTINGS)).toEqual([]);
  });

  it('names thresholds out of order and weights that are all zero by path', () => {
    const settings = settingsWith((s) => {
      s.classification.valueThresholds = { a: 10, b: 20 };
      s.classification.lostAfterDays = 30;
      for (const name of Object.keys(s.churn.signals) as (keyof typeof s.churn.signals)[]) s.churn.signals[name].weight = 0;
    });
    expect(customerAnalyticsSettingsProblems(settings).map((problem) => problem.path)).toEqual([
      'classification.valueThresholds.a',
      'classification.lostAfterDays',
      'churn.signals',
    ]);
  });
});
