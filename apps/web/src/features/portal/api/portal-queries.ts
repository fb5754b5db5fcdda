import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/api-client';
import { unwrap } from '@/lib/api/api-error';
import type { components } from '@/lib/api/schema.gen';

export type PortalTask = components['schemas']['TaskSummaryResponse'];
export type PortalProject = components['schemas']['ProjectSummaryResponse'];
export type PortalMeeting = components['schemas']['MeetingResponse'];

/** The portal asks again as often as the inbox: a request for a signature should not wait for a reload. */
const PORTAL_POLL_MS = 3_000;
const MOST_TASKS = 200;

/** The most projects the portal lists: a customer contact is rarely on more at once. */
const MOST_PROJECTS = 100;

/** The customer's own tasks, open or done: what waits for them and what they signed. */
export function usePortalTasks(status: 'open' | 'completed') {
  return useQuery({
    queryKey: ['portal', 'tasks', status],
    queryFn: async () => unwrap(await api.GET('/inbox', { params: { query: { status, sort: 'due', limit: MOST_TASKS } } })),
    refetchInterval: PORTAL_POLL_MS,
  });
}

function usePerProject<T>(ids: string[], what: string, fetch: (id: string) => Promise<T>) {
  return useQueries({
    queries: ids.map((id) => ({ queryKey: ['portal', 'project', id, what], queryFn: () => fetch(id), refetchInterval: PORTAL_POLL_MS, retry: false })),
  });
}

/** The projects the customer may read (the API gives a customer only their own), latest change first. */
export function usePortalProjects() {
  return useQuery({
    queryKey: ['portal', 'projects'],
    queryFn: async () => unwrap(await api.GET('/projects', { params: { query: { limit: MOST_PROJECTS } } })).items,
    refetchInterval: PORTAL_POLL_MS,
  });
}
export function usePortalMeetings(ids: string[]) {
  return usePerProject(ids, 'meetings', async (id) => unwrap(await api.GET('/projects/{id}/meetings', { params: { path: { id } } })).items);
}
export function usePortalActionItems(ids: string[], owner: string) {
  return usePerProject(
    ids,
    `action-items-${owner}`,
    async (id) => unwrap(await api.GET('/projects/{id}/action-items', { params: { path: { id }, query: { owner, status: 'open' } } })).items,
  );
}
export function usePortalBaselines(ids: string[]) {
  return usePerProject(ids, 'baselines', async (id) => unwrap(await api.GET('/projects/{id}/baselines', { params: { path: { id } } })).items);
}
export function usePortalDocumentVersions(ids: string[]) {
  return usePerProject(
    ids,
    'document-versions',
    async (id) => unwrap(await api.GET('/projects/{id}/expectation-document/versions', { params: { path: { id } } })).items,
  );
}

export type PortalFeedback = Omit<components['schemas']['SubmitFeedbackDto'], 'channel'>;

/** The customer's feedback on one of their projects, through the portal's own form (channel online-form). */
export function useSubmitPortalFeedback() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ projectId, feedback }: { projectId: string; feedback: PortalFeedback }) =>
      unwrap(
        await api.POST('/projects/{id}/feedback', {
          params: { path: { id: projectId }, header: { 'Idempotency-Key': crypto.randomUUID() } },
          body: { ...feedback, channel: 'online-form' },
        }),
      ),
    onSettled: (_data, _error, { projectId }) => queryClient.invalidateQueries({ queryKey: ['project', projectId] }),
  });
}
