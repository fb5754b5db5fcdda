import type { paths } from '@/lib/api/schema.gen';

/** The list's query, exactly as the API takes it (less the paging it adds itself and the CSV switch). */
export type CustomerListFilters = Omit<NonNullable<paths['/customers']['get']['parameters']['query']>, 'cursor' | 'limit' | 'format'>;

const KEYS = ['q', 'class', 'stage', 'churnWarning', 'industry', 'region', 'sort'] as const;

/** Filters live in the address, so a link (or the way back from sign-in) keeps them. */
export function filtersFromSearch(search: URLSearchParams): CustomerListFilters {
  const filters: Record<string, string> = {};
  for (const key of KEYS) {
    const value = search.get(key);
    if (value !== null && value !== '') filters[key] = value;
  }
  return filters as CustomerListFilters;
}

export function searchFromFilters(filters: CustomerListFilters): URLSearchParams {
  const search = new URLSearchParams();
  for (const key of KEYS) {
    const value = filters[key];
    if (value !== undefined && value !== '') search.set(key, value);
  }
  return search;
}

/** Whether anything narrows the list (the sort does not): an empty list then means "nothing matches", not "no customers". */
export function isFiltered(filters: CustomerListFilters): boolean {
  return KEYS.some((key) => key !== 'sort' && filters[key] !== undefined);
}

/**
 * The same list as CSV, every match unpaged. A plain link does: a GET changes nothing, so the
 * API lets the session cookie (SameSite=Strict, same origin) authenticate it without the CSRF
 * header, and answers with an attachment.
 */
export function customerCsvHref(filters: CustomerListFilters): string {
  const search = searchFromFilters(filters);
  search.set('format', 'csv');
  return `/customers?${search.toString()}`;
}
