import { describeValue } from '@/components/field-list';
import type { KpiUnits } from '@/lib/i18n/use-kpi-units';

/** A KPI of a project report (or of a simulated one) with its unit: scores out of 5, ratios as percentages. */
export function kpiValue(key: string, value: unknown, units: KpiUnits): string {
  if (typeof value !== 'number') return describeValue(value, units);
  switch (key) {
    case 'satisfactionScore':
      return units.score(value);
    case 'scheduleDeviation':
      return units.deviation(value);
    case 'goalsMetRatio':
    case 'nonConformityRate':
      return units.percent(value);
    case 'feedbackResponseHours':
      // Its label already says hours.
      return units.bareHours(value);
    default:
      return units.number(value);
  }
}
