import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from './use-format';

/** KPI figures with their units, in the reader's locale: scores out of 5, ratios as percentages, deviations signed. */
export function useKpiUnits() {
  const { t } = useTranslation();
  const format = useFormat();
  return useMemo(() => {
    const percent = (fraction: number, signed = false) => (signed && fraction > 0 ? `+${format.percent(fraction)}` : format.percent(fraction));
    const bareScore = (value: number) => format.number(Math.round(value * 100) / 100);
    const bareHours = (value: number) => format.number(Math.round(value * 10) / 10);
    return {
      number: format.number,
      dateTime: format.dateTime,
      percent,
      /** A deviation from plan: 0.0833 → "+8.3%". */
      deviation: (fraction: number) => percent(fraction, true),
      score: (value: number) => t('project.kpiUnit.score', { value: bareScore(value) }),
      bareScore,
      hours: (value: number) => t('project.kpiUnit.hours', { value: bareHours(value) }),
      bareHours,
    };
  }, [t, format]);
}

export type KpiUnits = ReturnType<typeof useKpiUnits>;
