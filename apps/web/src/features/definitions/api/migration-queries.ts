import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/lib/api/api-client';
import { unwrap } from '@/lib/api/api-error';
import type { components } from '@/lib/api/schema.gen';

export type ProjectToMigrate = components['schemas']['ProjectSummaryResponse'];
export type Migration = components['schemas']['MigrationResponse'];

/** The running projects of one version of a definition, 100 at a time. */
export function useRunningProjects(key: string, version: number | undefined) {
  return useInfiniteQuery({
    queryKey: ['projects', { definition: key, definitionVersion: version, status: 'running', purpose: 'migration' }],
    enabled: version !== undefined,
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/projects', {
          params: { query: { definition: key, definitionVersion: version, status: 'running', sort: 'name', limit: 100, cursor: pageParam } },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** Moves one project to another version; a refusal is an ApiError (409) whose details are the reasons. */
export async function migrateProject(projectId: string, targetVersion: number): Promise<Migration> {
  return unwrap(
    await api.POST('/projects/{id}/migrate', {
      params: { path: { id: projectId }, header: { 'Idempotency-Key': crypto.randomUUID() } },
      body: { targetVersion },
    }),
  );
}
