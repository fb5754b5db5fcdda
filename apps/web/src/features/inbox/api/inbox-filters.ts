import type { paths } from '@/lib/api/schema.gen';

/** The inbox's query, exactly as the API takes it (less the paging it adds itself). */
export type InboxFilters = Omit<NonNullable<paths['/inbox']['get']['parameters']['query']>, 'cursor' | 'limit'>;

const KEYS = ['project', 'stage', 'role', 'status', 'overdue', 'dueBefore', 'dueAfter', 'priority', 'q', 'sort'] as const;

/** Filters live in the address, so a link (or the way back from sign-in) keeps them. */
export function filtersFromSearch(search: URLSearchParams): InboxFilters {
  const filters: Record<string, string | boolean> = {};
  for (const key of KEYS) {
    const value = search.get(key);
    if (value === null || value === '') continue;
    filters[key] = key === 'overdue' ? value === 'true' : value;
  }
  return filters as InboxFilters;
}

export function searchFromFilters(filters: InboxFilters): URLSearchParams {
  const search = new URLSearchParams();
  for (const key of KEYS) {
    const value = filters[key];
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  return search;
}
