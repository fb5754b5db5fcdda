import type { CustomerAnalyticsSettings } from './analytics-settings-queries';

export const CHURN_SIGNALS = ['fallingSatisfaction', 'scheduleDeviations', 'openComplaints', 'overdueActionItems', 'silence'] as const;

/** The settings' groups and, in each, the paths of its fields: the same paths the API's 400 names. */
export const SETTINGS_GROUPS: { group: string; paths: string[] }[] = [
  {
    group: 'classification',
    paths: [
      'classification.valueThresholds.a',
      'classification.valueThresholds.b',
      'classification.projectThresholds.a',
      'classification.projectThresholds.b',
      'classification.dormantAfterDays',
      'classification.lostAfterDays',
    ],
  },
  { group: 'trend', paths: ['trend.months', 'trend.flatTolerance'] },
  { group: 'churn', paths: ['churn.threshold', 'churn.windowDays'] },
  ...CHURN_SIGNALS.map((signal) => ({
    group: `signal.${signal}`,
    paths: [`churn.signals.${signal}.weight`, `churn.signals.${signal}.fullAt`],
  })),
];

/** A field's value by its path (`churn.signals.silence.weight`). */
export function settingAt(settings: CustomerAnalyticsSettings, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((node, part) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), settings);
}

/**
 * The settings as typed in the form. A figure that is not a number is sent as typed, so that
 * the API, the one validator, names it on its field.
 */
export function settingsFromForm(form: FormData): CustomerAnalyticsSettings {
  const settings: Record<string, unknown> = {};
  for (const path of SETTINGS_GROUPS.flatMap((group) => group.paths)) {
    const typed = String(form.get(path) ?? '').trim();
    const value = typed !== '' && Number.isFinite(Number(typed)) ? Number(typed) : typed === '' ? null : typed;
    const parts = path.split('.');
    let node = settings;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[parts[parts.length - 1]] = value;
  }
  return settings as CustomerAnalyticsSettings;
}
