import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api/api-client';
import { unwrap } from '@/lib/api/api-error';
import type { components } from '@/lib/api/schema.gen';

export type Project = components['schemas']['ProjectResponse'];
export type TimelineEntry = components['schemas']['TimelineEntryResponse'];
export type Meeting = components['schemas']['MeetingResponse'];
export type Signature = components['schemas']['SignatureResponse'];
export type MetricReading = components['schemas']['MetricReadingResponse'];
export type StartProject = components['schemas']['StartProjectDto'];

/** A running project changes under the reader's eyes (tasks decided, stages ending): asked again now and then. */
const PROJECT_POLL_MS = 5_000;
const path = (id: string) => ({ params: { path: { id } } });

export function useProject(id: string) {
  return useQuery({
    queryKey: ['project', id],
    queryFn: async () => unwrap(await api.GET('/projects/{id}', path(id))),
    refetchInterval: PROJECT_POLL_MS,
    retry: false,
  });
}

/** The sections every member may read, customers included. */
export function useMeetings(id: string) {
  return useQuery({ queryKey: ['project', id, 'meetings'], queryFn: async () => unwrap(await api.GET('/projects/{id}/meetings', path(id))) });
}
export function useDocumentVersions(id: string) {
  return useQuery({
    queryKey: ['project', id, 'document-versions'],
    queryFn: async () => unwrap(await api.GET('/projects/{id}/expectation-document/versions', path(id))),
    refetchInterval: PROJECT_POLL_MS,
  });
}
export function useDocumentDiff(id: string, from: number | undefined, to: number | undefined) {
  return useQuery({
    queryKey: ['project', id, 'document-diff', from, to],
    enabled: from !== undefined && to !== undefined,
    queryFn: async () =>
      unwrap(await api.GET('/projects/{id}/expectation-document/diff', { params: { path: { id }, query: { from: from ?? 0, to: to ?? 0 } } })),
  });
}
export function useBaselines(id: string) {
  return useQuery({
    queryKey: ['project', id, 'baselines'],
    queryFn: async () => unwrap(await api.GET('/projects/{id}/baselines', path(id))),
    refetchInterval: PROJECT_POLL_MS,
  });
}
/** The goals in force; null before any baseline is signed (the API answers 404 then). */
export function useGoals(id: string) {
  return useQuery({
    queryKey: ['project', id, 'goals'],
    queryFn: async () => {
      const result = await api.GET('/projects/{id}/goals', path(id));
      if (result.response.status === 404) return null;
      return unwrap(result);
    },
  });
}
export function useChangeRequests(id: string) {
  return useQuery({ queryKey: ['project', id, 'change-requests'], queryFn: async () => unwrap(await api.GET('/projects/{id}/change-requests', path(id))) });
}
export function useFeedback(id: string) {
  return useQuery({ queryKey: ['project', id, 'feedback'], queryFn: async () => unwrap(await api.GET('/projects/{id}/feedback', path(id))) });
}

/** The internal trail (timeline, KPIs, readings, deviation analyses): the API answers 403 to a customer, so a customer never asks. */
export function useTimeline(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['project', id, 'timeline'],
    enabled,
    queryFn: async () => unwrap(await api.GET('/projects/{id}/timeline', path(id))),
    refetchInterval: PROJECT_POLL_MS,
  });
}
export function useKpiReport(id: string, enabled: boolean) {
  return useQuery({ queryKey: ['project', id, 'kpi-report'], enabled, queryFn: async () => unwrap(await api.GET('/projects/{id}/kpi-report', path(id))) });
}
export function useMetricReadings(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['project', id, 'metric-readings'],
    enabled,
    queryFn: async () => unwrap(await api.GET('/projects/{id}/metric-readings', path(id))),
  });
}
export function useDeviationAnalyses(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['project', id, 'deviation-analyses'],
    enabled,
    queryFn: async () => unwrap(await api.GET('/projects/{id}/deviation-analyses', path(id))),
  });
}

/** The definitions a person may choose from: only admins and auditors may read the registry, others type the key. */
export function useDefinitions() {
  return useQuery({
    queryKey: ['definitions'],
    retry: false,
    queryFn: async () => {
      const result = await api.GET('/definitions');
      if (result.response.status === 403) return null;
      return unwrap(result);
    },
  });
}

/** Starts a project; one Idempotency-Key per submission, so a network retry starts nothing twice. */
export function useStartProject() {
  return useMutation({
    mutationFn: async (project: StartProject) =>
      unwrap(await api.POST('/projects', { params: { header: { 'Idempotency-Key': crypto.randomUUID() } }, body: project })),
  });
}
