import type { paths } from '@/lib/api/schema.gen';

type ProjectListQuery = NonNullable<paths['/projects']['get']['parameters']['query']>;

/**
 * The filters as the address keeps them: every value a string, the start dates as calendar
 * days (the API takes instants; see toProjectListQuery).
 */
export interface OperationsProjectFilters {
  status?: string;
  definition?: string;
  definitionVersion?: string;
  team?: string;
  customer?: string;
  stage?: string;
  startedFrom?: string;
  startedTo?: string;
  sort?: string;
}

export const FILTER_KEYS = [
  'status',
  'definition',
  'definitionVersion',
  'team',
  'customer',
  'stage',
  'startedFrom',
  'startedTo',
  'sort',
] as const satisfies readonly (keyof OperationsProjectFilters)[];

export function filtersFromSearch(search: URLSearchParams): OperationsProjectFilters {
  const filters: OperationsProjectFilters = {};
  for (const key of FILTER_KEYS) {
    const value = search.get(key);
    if (value !== null && value !== '') filters[key] = value;
  }
  return filters;
}

export function searchFromFilters(filters: OperationsProjectFilters): URLSearchParams {
  const search = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value !== undefined && value !== '') search.set(key, value);
  }
  return search;
}

/** Whether anything narrows the list (the sort does not). */
export function isFiltered(filters: OperationsProjectFilters): boolean {
  return FILTER_KEYS.some((key) => key !== 'sort' && filters[key] !== undefined);
}

/** Midnight at the start of a calendar day in the person's own time zone, as an instant. */
const startOfDay = (day: string, plusDays = 0): string | undefined => {
  const [year, month, date] = day.split('-').map(Number);
  const instant = new Date(year, month - 1, date + plusDays);
  // A day typed into the address that is no day at all narrows nothing, rather than breaking the page.
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(instant.getTime()) ? instant.toISOString() : undefined;
};

/** The API's query: "started from" a day counts from its first instant, "started to" a day includes that whole day. */
export function toProjectListQuery(filters: OperationsProjectFilters): Omit<ProjectListQuery, 'cursor' | 'limit'> {
  const version = filters.definitionVersion === undefined ? undefined : Number(filters.definitionVersion);
  return {
    status: filters.status as ProjectListQuery['status'],
    definition: filters.definition,
    definitionVersion: version !== undefined && Number.isInteger(version) ? version : undefined,
    team: filters.team,
    customer: filters.customer,
    stage: filters.stage,
    startedAfter: filters.startedFrom ? startOfDay(filters.startedFrom) : undefined,
    startedBefore: filters.startedTo ? startOfDay(filters.startedTo, 1) : undefined,
    sort: filters.sort as ProjectListQuery['sort'],
  };
}
