import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '@/lib/i18n/use-format';

/**
 * KPI figures with their units, in the reader's locale. The project page says its KPIs the
 * same way (features/project/components/kpi-value.ts); features do not import each other, so
 * each keeps its few lines until a shared home in src/components is agreed.
 */
export function useKpiUnits() {
  const { t } = useTranslation();
  const format = useFormat();
  return useMemo(() => {
    const percent = (fraction: number, signed = false) => (signed && fraction > 0 ? `+${format.percent(fraction)}` : format.percent(fraction));
    return {
      number: format.number,
      dateTime: format.dateTime,
      percent,
      deviation: (fraction: number) => percent(fraction, true),
      score: (value: number) => t('project.kpiUnit.score', { value: format.number(Math.round(value * 100) / 100) }),
      bareScore: (value: number) => format.number(Math.round(value * 100) / 100),
      hours: (value: number) => t('project.kpiUnit.hours', { value: format.number(Math.round(value * 10) / 10) }),
    };
  }, [t, format]);
}

export type KpiUnits = ReturnType<typeof useKpiUnits>;
