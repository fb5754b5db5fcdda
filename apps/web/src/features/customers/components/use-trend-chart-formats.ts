import { useMemo } from 'react';
import { useFormat } from '@/lib/i18n/use-format';
import { useKpiUnits } from '@/lib/i18n/use-kpi-units';

const HOUR_MS = 3_600_000;

/** Formats that stay the same object while the language does, so a chart is not redrawn on every render. */
export function useTrendChartFormats() {
  const format = useFormat();
  const units = useKpiUnits();
  const { locale } = format;
  return useMemo(() => {
    const ticks = {
      day: new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric' }),
      minute: new Intl.DateTimeFormat(locale, {
        month: 'short',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
      }),
    };
    return {
      tick: (ms: number, spanMs: number) => (spanMs >= 48 * HOUR_MS ? ticks.day : ticks.minute).format(ms),
      time: (ms: number) => format.dateTime(new Date(ms).toISOString()),
      score: units.bareScore,
      amount: format.number,
    };
  }, [format, units, locale]);
}
