import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/api-client';
import { unwrap } from '@/lib/api/api-error';
import type { InboxFilters } from './inbox-filters';

/**
 * How often the inbox asks again: a task that arrives, or that someone else takes, shows up
 * or disappears within this (plus one request) without a reload. Polling, because the API
 * has no push channel yet; TanStack Query pauses it while the tab is hidden.
 */
export const INBOX_POLL_MS = 3_000;
const PAGE_SIZE = 25;

export function useInbox(filters: InboxFilters) {
  return useInfiniteQuery({
    queryKey: ['inbox', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) => unwrap(await api.GET('/inbox', { params: { query: { ...filters, limit: PAGE_SIZE, cursor: pageParam } } })),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    refetchInterval: INBOX_POLL_MS,
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
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['inbox'] }),
  });
}
