import type { paths } from '@/lib/api/schema.gen';

/** The list's query, exactly as the API takes it (less the paging it adds itself). */
export type ProjectListFilters = Omit<NonNullable<paths['/projects']['get']['parameters']['query']>, 'cursor' | 'limit'>;

const KEYS = ['status', 'definition', 'team', 'customer', 'q', 'sort'] as const;

/** Filters live in the address, so a link (or the way back from sign-in) keeps them. */
export function filtersFromSearch(search: URLSearchParams): ProjectListFilters {
  const filters: Record<string, string> = {};
  for (const key of KEYS) {
    const value = search.get(key);
    if (value !== null && value !== '') filters[key] = value;
  }
  return filters as ProjectListFilters;
}

export function searchFromFilters(filters: ProjectListFilters): URLSearchParams {
  const search = new URLSearchParams();
  for (const key of KEYS) {
    const value = filters[key];
    if (value !== undefined && value !== '') search.set(key, value);
  }
  return search;
}

/** Whether anything narrows the list (the sort does not): an empty list then means "nothing matches", not "no projects". */
export function isFiltered(filters: ProjectListFilters): boolean {
  return KEYS.some((key) => key !== 'sort' && filters[key] !== undefined);
}
