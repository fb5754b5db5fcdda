import type { components } from '@/lib/api/schema.gen';

export type TemporalUiLink = components['schemas']['TemporalUiLinkResponse'];

/** A workflow's page in the Temporal Web UI. */
export function temporalWorkflowUrl(link: TemporalUiLink, workflowId: string): string {
  return `${link.url}/namespaces/${encodeURIComponent(link.namespace)}/workflows/${encodeURIComponent(workflowId)}`;
}
