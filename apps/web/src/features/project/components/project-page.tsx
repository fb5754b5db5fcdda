import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ErrorMessage } from '@/components/error-message';
import { Loading } from '@/components/loading';
import { ApiError } from '@/lib/api/api-error';
import { useSession } from '@/lib/auth/auth-context';
import { useFormat } from '@/lib/i18n/use-format';
import { isExternalOnly } from '../api/audience';
import { type TimelineEntry, useProject, useTimeline } from '../api/project-queries';
import { BaselinesSection, GoalsSection } from './baselines-section';
import { ExpectationDocumentSection } from './expectation-document-section';
import { KpiSection } from './kpi-section';
import { MeetingsSection } from './meetings-section';
import { ProgressSection } from './progress-section';
import { ProcessDiagramSection } from './process-diagram-section';
import { ChangeRequestsSection, FeedbackSection } from './requests-section';
import { TimelineSection } from './timeline-section';

/** The stages the project went through, in order, from its timeline; the current one last while it runs. */
function stagesOf(entries: TimelineEntry[]): { stage: string; done: boolean }[] {
  const stages = new Map<string, boolean>();
  for (const entry of entries) {
    if (!entry.stage) continue;
    if (entry.kind === 'stage-started' && !stages.has(entry.stage)) stages.set(entry.stage, false);
    if (entry.kind === 'stage-completed') stages.set(entry.stage, true);
  }
  return [...stages].map(([stage, done]) => ({ stage, done }));
}

/** One project: where it stands, what was agreed and signed, what happened and how it measures up. */
export function ProjectPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { projectId = '' } = useParams();
  const { session } = useSession();
  const internal = !!session && !isExternalOnly(session.roles);
  const project = useProject(projectId);
  const timeline = useTimeline(projectId, internal && project.isSuccess);

  if (project.isPending) return <Loading />;
  if (project.error) {
    // 403 and 404 read the same: whether someone else's project exists is none of the reader's business.
    if (project.error instanceof ApiError && (project.error.status === 403 || project.error.status === 404)) {
      return (
        <section aria-labelledby="project-missing">
          <h1 id="project-missing">{t('project.notAvailableTitle')}</h1>
          <p role="alert" className="notice notice-warning" data-testid="project-not-available">
            {t('project.notAvailable')}
          </p>
        </section>
      );
    }
    return <ErrorMessage error={project.error} onRetry={() => void project.refetch()} />;
  }
  const current = project.data;
  const stages = timeline.data ? stagesOf(timeline.data.items) : [];
  return (
    <article aria-labelledby="project-title" className="project">
      <p>
        <Link to={internal ? '/' : '/portal'}>← {t(internal ? 'task.back' : 'portal.back')}</Link>
      </p>
      <h1 id="project-title">{current.name}</h1>
      <dl className="facts">
        <div className="pair">
          <dt>{t('project.status')}</dt>
          <dd data-testid="project-status">{t(`project.statusValue.${current.status}`)}</dd>
        </div>
        <div className="pair">
          <dt>{t('project.currentStage')}</dt>
          <dd>{current.currentStage ?? '—'}</dd>
        </div>
        <div className="pair">
          <dt>{t('project.definition')}</dt>
          <dd>
            {current.definition.key} v{current.definition.version}
          </dd>
        </div>
        <div className="pair">
          <dt>{t('project.started')}</dt>
          <dd>{t('project.startedBy', { when: format.dateTime(current.startedAt), user: current.startedBy })}</dd>
        </div>
        {current.finishedAt && (
          <div className="pair">
            <dt>{t('project.finished')}</dt>
            <dd>{format.dateTime(current.finishedAt)}</dd>
          </div>
        )}
        {current.customer && (
          <div className="pair">
            <dt>{t('project.customer')}</dt>
            <dd>{current.customer}</dd>
          </div>
        )}
        {/* Only the team reads the team's KPIs: to a customer the link would lead to "not available". */}
        {internal && current.team && (
          <div className="pair">
            <dt>{t('project.team')}</dt>
            <dd>
              <Link to={`/teams/${encodeURIComponent(current.team)}`} data-testid="project-team">
                {current.team}
              </Link>
            </dd>
          </div>
        )}
        {internal && (
          <div className="pair">
            <dt>{t('project.openIncidents')}</dt>
            <dd data-testid="open-incidents">{format.number(current.openIncidents)}</dd>
          </div>
        )}
      </dl>
      {stages.length > 0 && (
        <ol className="stages" aria-label={t('project.stages')}>
          {stages.map(({ stage, done }) => (
            <li key={stage} className={done ? 'stage done' : 'stage'}>
              {stage} <span className="muted small">{t(done ? 'project.stageDone' : 'project.stageRunning')}</span>
            </li>
          ))}
        </ol>
      )}
      {internal && <ProcessDiagramSection projectId={projectId} />}
      <div className="project-layout">
        <div>
          <ExpectationDocumentSection projectId={projectId} />
          <BaselinesSection projectId={projectId} />
          <GoalsSection projectId={projectId} />
          <ProgressSection projectId={projectId} />
          <MeetingsSection projectId={projectId} />
          <ChangeRequestsSection projectId={projectId} />
          <FeedbackSection projectId={projectId} />
        </div>
        {internal && (
          <div>
            <KpiSection projectId={projectId} />
            <TimelineSection timeline={timeline} />
          </div>
        )}
      </div>
    </article>
  );
}
