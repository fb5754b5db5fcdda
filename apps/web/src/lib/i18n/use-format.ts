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
    const number = new Intl.NumberFormat(locale);
    return {
      dateTime: (iso: string | null | undefined) => (iso ? dateTime.format(new Date(iso)) : '—'),
      number: (value: number) => number.format(value),
    };
  }, [locale]);
}
