import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '@/components/loading';
import type { CompiledDefinition } from '@/components/process-diagram/process-diagram';

// The shared diagram (elk + React Flow) loads with the editor's first valid compile, not before.
const ProcessDiagram = lazy(() => import('@/components/process-diagram/process-diagram').then((module) => ({ default: module.ProcessDiagram })));

/** The live diagram beside the editor: the last definition the API compiled, kept while the text is broken. */
export function DefinitionDiagramPanel({ compiled, stale }: { compiled: Record<string, unknown> | null; stale: boolean }) {
  const { t } = useTranslation();
  return (
    <section className="card definition-diagram" aria-labelledby="definition-diagram-title" data-testid="definition-diagram">
      <h2 id="definition-diagram-title">{t('definitions.diagram.title')}</h2>
      {compiled === null ? (
        <p className="muted">{t('definitions.diagram.none')}</p>
      ) : (
        <>
          {stale && <p className="muted small">{t('definitions.diagram.stale')}</p>}
          <Suspense fallback={<Loading />}>
            <ProcessDiagram definition={compiled as unknown as CompiledDefinition} />
          </Suspense>
        </>
      )}
    </section>
  );
}
