import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/lib/api/api-client';
import { ApiError, unwrap } from '@/lib/api/api-error';
import type { components } from '@/lib/api/schema.gen';
import type { ProjectListFilters } from './project-list-filters';

export type ProjectSummary = components['schemas']['ProjectSummaryResponse'];

const PAGE_SIZE = 25;

/** The projects the person may read, a page at a time by the API's cursor. */
export function useProjectList(filters: ProjectListFilters) {
  return useInfiniteQuery({
    queryKey: ['projects', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) => unwrap(await api.GET('/projects', { params: { query: { ...filters, limit: PAGE_SIZE, cursor: pageParam } } })),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    // A bad filter typed into the address is a 400: asking again would only say so again.
    retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 3,
  });
}
