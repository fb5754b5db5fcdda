import '@/components/process-diagram/diagram-strings';
import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ErrorMessage } from '@/components/error-message';
import { Loading } from '@/components/loading';
import type { CompiledDefinition } from '@/components/process-diagram/layout-process';
import { ApiError } from '@/lib/api/api-error';
import { useSession } from '@/lib/auth/auth-context';
import { useFormat } from '@/lib/i18n/use-format';
import { useStepCounts } from '../api/step-counts-queries';

const ProcessDiagram = lazy(() => import('@/components/process-diagram/process-diagram').then((module) => ({ default: module.ProcessDiagram })));

const READERS = ['admin', 'auditor'];

function Refusal({ message, testId }: { message: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="diagram-refused">
      <p>
        <Link to="/">← {t('processDiagram.page.back')}</Link>
      </p>
      <h1 id="diagram-refused">{t('processDiagram.section.title')}</h1>
      <p role="alert" className="notice notice-warning" data-testid={testId}>
        {message}
      </p>
    </section>
  );
}

/** A definition version's diagram with how many running projects wait on each step, as Camunda Operate shows them. */
export default function DefinitionDiagramPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { key = '', version: versionParam = '' } = useParams();
  const version = Number(versionParam);
  const { session } = useSession();
  const mayRead = !!session && session.roles.some((role) => READERS.includes(role));
  const valid = Number.isInteger(version) && version > 0;
  const counts = useStepCounts(key, version, mayRead && valid);
  const perStep = useMemo(() => Object.fromEntries((counts.data?.counts ?? []).map((count) => [count.path, count.projects])), [counts.data]);

  if (!mayRead) return <Refusal message={t('processDiagram.page.forbidden')} testId="diagram-forbidden" />;
  if (!valid) return <Refusal message={t('processDiagram.page.notFound')} testId="diagram-not-found" />;
  if (counts.isPending) return <Loading />;
  if (counts.error) {
    if (counts.error instanceof ApiError && counts.error.status === 403)
      return <Refusal message={t('processDiagram.page.forbidden')} testId="diagram-forbidden" />;
    if (counts.error instanceof ApiError && (counts.error.status === 404 || counts.error.status === 400))
      return <Refusal message={t('processDiagram.page.notFound')} testId="diagram-not-found" />;
    return <ErrorMessage error={counts.error} onRetry={() => void counts.refetch()} />;
  }
  const { runningProjects, compiled } = counts.data;
  return (
    <article aria-labelledby="diagram-title" className="definition-diagram">
      <p>
        <Link to="/">← {t('processDiagram.page.back')}</Link>
      </p>
      <h1 id="diagram-title">{t('processDiagram.page.title', { key, version })}</h1>
      <p data-testid="diagram-running">{t('processDiagram.page.running', { count: runningProjects, formattedCount: format.number(runningProjects) })}</p>
      <Suspense fallback={<Loading />}>
        {/* The API's compiled definition is plain JSON typed loosely by the OpenAPI document. */}
        <ProcessDiagram definition={compiled as unknown as CompiledDefinition} counts={perStep} />
      </Suspense>
    </article>
  );
}
