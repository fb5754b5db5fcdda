import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api/api-client';
import { unwrap } from '@/lib/api/api-error';
import type { components } from '@/lib/api/schema.gen';

export type TeamKpiReport = components['schemas']['TeamKpiReportResponse'];
export type TeamProjectKpis = components['schemas']['TeamProjectKpisResponse'];

/** The team's KPIs over the projects the reader may see; a team they may see none of answers 404, as an unknown one does. */
export function useTeamKpiReport(team: string) {
  return useQuery({
    queryKey: ['team', team, 'kpi-report'],
    queryFn: async () => unwrap(await api.GET('/teams/{team}/kpi-report', { params: { path: { team } } })),
    retry: false,
  });
}

/**
 * The same report as CSV. A plain link does: a GET changes nothing, so the API lets the
 * session cookie (SameSite=Strict, sent on this same-origin link) authenticate it without
 * the CSRF header, and answers with an attachment.
 */
export function teamKpiCsvHref(team: string): string {
  return `/teams/${encodeURIComponent(team)}/kpi-report?format=csv`;
}
