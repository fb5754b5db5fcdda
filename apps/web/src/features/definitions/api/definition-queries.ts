import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/api-client';
import { ApiError, unwrap } from '@/lib/api/api-error';
import type { components } from '@/lib/api/schema.gen';

export type DefinitionKey = components['schemas']['DefinitionKeyResponse'];
export type DefinitionVersionSummary = components['schemas']['DefinitionListedVersionResponse'];
export type DefinitionError = components['schemas']['DefinitionErrorResponse'];
export type DefinitionChange = components['schemas']['DefinitionChangeResponse'];
export type ValidationResult = components['schemas']['ValidationResultResponse'];
export type Draft = components['schemas']['DraftResponse'];

const DEFINITIONS = ['definitions'] as const;

// A 4xx says the same thing when asked again.
const retryServerErrors = (failures: number, error: Error) => !(error instanceof ApiError && error.status < 500) && failures < 3;

/** Every key of the registry with its versions (newest first), running projects per version and whether a draft exists. */
export function useDefinitionKeys() {
  return useQuery({ queryKey: DEFINITIONS, queryFn: async () => unwrap(await api.GET('/definitions')), retry: retryServerErrors });
}

/** One published version with its YAML source. */
export function useDefinitionVersion(key: string, version: number | undefined) {
  return useQuery({
    queryKey: [...DEFINITIONS, key, 'versions', version],
    enabled: version !== undefined,
    staleTime: Infinity, // a published version never changes
    queryFn: async () => unwrap(await api.GET('/definitions/{key}/versions/{version}', { params: { path: { key, version: version! } } })),
    retry: retryServerErrors,
  });
}

/** The draft of a key, or null when there is none (a 404 is an answer here, not a failure). */
export function useDraft(key: string, enabled = true) {
  return useQuery({
    queryKey: [...DEFINITIONS, key, 'draft'],
    enabled,
    queryFn: async (): Promise<Draft | null> => {
      const result = await api.GET('/definitions/{key}/draft', { params: { path: { key } } });
      if (result.response.status === 404) return null;
      return unwrap(result);
    },
    retry: retryServerErrors,
    // The editor owns the text once loaded: a refetch must not overwrite what the admin types.
    refetchOnWindowFocus: false,
  });
}

/** Validates a source without storing it: the errors with line and column, or the compiled definition. */
export async function validateSource(source: string, signal?: AbortSignal): Promise<ValidationResult> {
  return unwrap(await api.POST('/definitions/validate', { body: { source }, signal }));
}

export function useSaveDraft(key: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (source: string) => unwrap(await api.PUT('/definitions/{key}/draft', { params: { path: { key } }, body: { source } })),
    onSuccess: (draft) => {
      queryClient.setQueryData([...DEFINITIONS, key, 'draft'], draft);
      void queryClient.invalidateQueries({ queryKey: DEFINITIONS, exact: true });
    },
  });
}

export function usePublishDraft(key: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => unwrap(await api.POST('/definitions/{key}/draft/publish', { params: { path: { key } } })),
    onSuccess: () => {
      queryClient.setQueryData([...DEFINITIONS, key, 'draft'], null);
      void queryClient.invalidateQueries({ queryKey: DEFINITIONS });
    },
  });
}

export function useDeprecateVersion() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ key, version }: { key: string; version: number }) =>
      unwrap(await api.POST('/definitions/{key}/versions/{version}/deprecate', { params: { path: { key, version } } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: DEFINITIONS, exact: true }),
  });
}

/** What the API's structural diff says changed from one version to another version, or to the draft. */
export function useStructuralDiff(key: string, from: number | undefined, to: number | 'draft' | undefined) {
  return useQuery({
    queryKey: [...DEFINITIONS, key, 'diff', from, to],
    enabled: from !== undefined && to !== undefined,
    queryFn: async (): Promise<DefinitionChange[]> => {
      if (to === 'draft') return unwrap(await api.GET('/definitions/{key}/draft/diff', { params: { path: { key }, query: { from: from! } } })).changes;
      return unwrap(await api.GET('/definitions/{key}/diff', { params: { path: { key }, query: { from: from!, to: to! } } })).changes;
    },
    retry: retryServerErrors,
  });
}
