import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** Dates and numbers in the person's chosen language, through Intl. */
export function useFormat() {
  const { i18n } = useTranslation();
  // The app's language picks the words; the browser's own locale of that language (en-GB, zh-TW…) picks the formats.
  const language = i18n.language;
  const locale = navigator.languages.find((candidate) => candidate.split('-')[0] === language.split('-')[0]) ?? language;
  return useMemo(() => {
    const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    // A calendar date (2027-03-01) is the same day everywhere: formatted in UTC, not shifted by the time zone.
    const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    const number = new Intl.NumberFormat(locale);
    const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
    return {
      /** The locale the formats use: the browser's own variant of the app's language (en-GB, zh-TW…). */
      locale,
      dateTime: (iso: string | null | undefined) => (iso ? dateTime.format(new Date(iso)) : '—'),
      date: (isoDate: string | null | undefined) => (isoDate ? date.format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`)) : '—'),
      number: (value: number) => number.format(value),
      /** A fraction (0.08) as a percentage (8%). */
      percent: (fraction: number) => percent.format(fraction),
    };
  }, [locale]);
}
