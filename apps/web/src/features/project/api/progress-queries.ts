import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api/api-client';
import { ApiError, unwrap } from '@/lib/api/api-error';
import type { components } from '@/lib/api/schema.gen';

export type Progress = components['schemas']['ProgressResponse'];

/** The progress tracking table as last reported; null until the first report (the API's 404). */
export function useProgress(projectId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['project', projectId, 'progress'],
    enabled,
    queryFn: async (): Promise<Progress | null> => {
      try {
        return unwrap(await api.GET('/projects/{id}/progress', { params: { path: { id: projectId } } }));
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  });
}
