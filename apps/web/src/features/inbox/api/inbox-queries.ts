import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/api-client';
import { unwrap } from '@/lib/api/api-error';
import type { InboxFilters } from './inbox-filters';

import type { InboxFreshness } from './live-inbox';

/**
 * How often the inbox asks again while the API's event stream is down: a task that arrives,
 * or that someone else takes, still shows up or disappears within this without a reload.
 * TanStack Query pauses polling while the tab is hidden.
 */
export const INBOX_POLL_MS = 3_000;
/** While the stream is live, a slow poll only guards against a lost event. */
const LIVE_SAFETY_POLL_MS = 60_000;
const PAGE_SIZE = 25;

const pollEvery = (freshness: InboxFreshness) => (freshness === 'live' ? LIVE_SAFETY_POLL_MS : INBOX_POLL_MS);

export function useInbox(filters: InboxFilters, freshness: InboxFreshness) {
  return useInfiniteQuery({
    queryKey: ['inbox', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) => unwrap(await api.GET('/inbox', { params: { query: { ...filters, limit: PAGE_SIZE, cursor: pageParam } } })),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    refetchInterval: pollEvery(freshness),
  });
}

/** How many open tasks each filter would show; the search text narrows them all. */
export function useInboxCounts(q: string | undefined, freshness: InboxFreshness) {
  return useQuery({
    queryKey: ['inbox-counts', q ?? ''],
    queryFn: async () => unwrap(await api.GET('/inbox/counts', { params: { query: { q } } })),
    refetchInterval: pollEvery(freshness),
    placeholderData: keepPreviousData,
  });
}

/** Claim or release: the inbox asks again at once, so the change shows without waiting for the next poll. */
export function useTaskClaim() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ taskId, action }: { taskId: string; action: 'claim' | 'release' }) => {
      const path = action === 'claim' ? '/tasks/{id}/claim' : '/tasks/{id}/release';
      return unwrap(await api.POST(path, { params: { path: { id: taskId }, header: { 'Idempotency-Key': crypto.randomUUID() } }, body: {} }));
    },
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: ['inbox'] });
      await queryClient.invalidateQueries({ queryKey: ['inbox-counts'] });
    },
  });
}
