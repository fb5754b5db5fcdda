import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/api-client';
import { ApiError, unwrap } from '@/lib/api/api-error';
import type { components } from '@/lib/api/schema.gen';

export type SimulationJob = components['schemas']['SimulationJobResponse'];
export type SimulationReport = components['schemas']['SimulationReportResponse'];
export type SimulationTimelineEntry = SimulationReport['timeline'][number];

const SIMULATIONS = ['simulations'] as const;
const ACTIVE: SimulationJob['status'][] = ['queued', 'running'];

export const isActive = (job: SimulationJob | undefined) => job !== undefined && ACTIVE.includes(job.status);

/** The actors script shipped for a key, or null when none is (a 404 is an answer here). */
export function useShippedActorsScript(key: string) {
  return useQuery({
    queryKey: ['definitions', key, 'actors-script'],
    staleTime: Infinity,
    queryFn: async (): Promise<string | null> => {
      const result = await api.GET('/definitions/{key}/actors-script', { params: { path: { key } } });
      if (result.response.status === 404) return null;
      return unwrap(result).source;
    },
  });
}

/** The caller's latest simulations, so that one started before a page change is found again. */
export function useLatestSimulations() {
  return useQuery({ queryKey: SIMULATIONS, queryFn: async () => unwrap(await api.GET('/simulations')) });
}

/** One simulation, polled every second while it is queued or running. */
export function useSimulation(id: string | undefined) {
  return useQuery({
    queryKey: [...SIMULATIONS, id],
    enabled: id !== undefined,
    queryFn: async () => unwrap(await api.GET('/simulations/{id}', { params: { path: { id: id! } } })),
    refetchInterval: (query) => (isActive(query.state.data) ? 1_000 : false),
    retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 3,
  });
}

export function useStartSimulation(key: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (request: { source: string; script?: string; months: number }) =>
      unwrap(await api.POST('/definitions/{key}/simulations', { params: { path: { key } }, body: request })),
    onSuccess: (job) => {
      queryClient.setQueryData([...SIMULATIONS, job.id], job);
      void queryClient.invalidateQueries({ queryKey: SIMULATIONS, exact: true });
    },
  });
}

export function useCancelSimulation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => unwrap(await api.POST('/simulations/{id}/cancel', { params: { path: { id } } })),
    onSuccess: (job) => queryClient.setQueryData([...SIMULATIONS, job.id], job),
  });
}
