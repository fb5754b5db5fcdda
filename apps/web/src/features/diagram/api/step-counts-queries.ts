import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api/api-client';
import { unwrap } from '@/lib/api/api-error';

/** Running projects are few and move slowly: counted again every few seconds while the page is open. */
const COUNTS_POLL_MS = 5_000;

export function useStepCounts(key: string, version: number, enabled: boolean) {
  return useQuery({
    queryKey: ['definitions', key, version, 'step-counts'],
    enabled,
    retry: false,
    refetchInterval: COUNTS_POLL_MS,
    queryFn: async () => unwrap(await api.GET('/definitions/{key}/versions/{version}/step-counts', { params: { path: { key, version } } })),
  });
}
