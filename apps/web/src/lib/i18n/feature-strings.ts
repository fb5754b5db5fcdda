import { i18n, type LanguageCode } from './i18n';

/**
 * Adds a feature's words under `section` when its code loads, so that pages most people never
 * open (the admin's, the customer records) do not weigh on the first page. The app's own
 * locale files keep only what the shell shows before (a nav link).
 */
export function addFeatureStrings(section: string, strings: Record<LanguageCode, Record<string, unknown>>): void {
  for (const [language, words] of Object.entries(strings)) i18n.addResourceBundle(language, 'translation', { [section]: words }, true, false);
}
