import type { TFunction } from 'i18next';
import { describeValue } from '@/components/field-list';

type NumberFormat = { number: (value: number) => string; percent: (fraction: number) => string };

/** A fraction as a percentage, signed for a deviation from plan: 0.0833 → "+8.3%". */
export function percent(value: number, format: NumberFormat, signed = false): string {
  const shown = format.percent(value);
  return signed && value > 0 ? `+${shown}` : shown;
}

/** A KPI of a project report with its unit: scores out of 5, ratios as percentages. */
export function kpiValue(key: string, value: unknown, format: NumberFormat, t: TFunction): string {
  if (typeof value !== 'number') return describeValue(value, format);
  switch (key) {
    case 'satisfactionScore':
      return t('project.kpiUnit.score', { value: format.number(Math.round(value * 100) / 100) });
    case 'scheduleDeviation':
      return percent(value, format, true);
    case 'goalsMetRatio':
    case 'nonConformityRate':
      return percent(value, format);
    case 'feedbackResponseHours':
      // Its label already says hours.
      return format.number(Math.round(value * 10) / 10);
    default:
      return format.number(value);
  }
}
