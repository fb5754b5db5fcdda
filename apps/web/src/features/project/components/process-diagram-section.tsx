import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '@/components/loading';
import { QueryState } from '@/components/query-state';
import { Section } from '@/components/section';
import type { CompiledDefinition } from '@/components/process-diagram/layout-process';
import { api } from '@/lib/api/api-client';
import { unwrap } from '@/lib/api/api-error';

// React Flow and elk load with the first diagram, not with the app.
const ProcessDiagram = lazy(() => import('@/components/process-diagram/process-diagram').then((module) => ({ default: module.ProcessDiagram })));

/** A running project moves on as people decide: asked again now and then, as the page's other sections are. */
const POSITION_POLL_MS = 5_000;

function useProjectPosition(projectId: string) {
  return useQuery({
    queryKey: ['project', projectId, 'position'],
    queryFn: async () => unwrap(await api.GET('/projects/{id}/position', { params: { path: { id: projectId } } })),
    refetchInterval: POSITION_POLL_MS,
  });
}

/** The project's definition drawn as a diagram, with each step marked done, open, waiting or failed. */
export function ProcessDiagramSection({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const position = useProjectPosition(projectId);
  return (
    <Section title={t('processDiagram.section.title')} testId="process-diagram-section">
      <p className="muted small">{t('processDiagram.section.intro')}</p>
      <QueryState query={position}>
        {(standing) => (
          <Suspense fallback={<Loading />}>
            {/* The API's compiled definition is plain JSON typed loosely by the OpenAPI document. */}
            <ProcessDiagram definition={standing.compiled as unknown as CompiledDefinition} position={standing} />
          </Suspense>
        )}
      </QueryState>
    </Section>
  );
}
