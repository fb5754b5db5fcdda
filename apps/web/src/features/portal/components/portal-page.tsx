import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ErrorMessage } from '@/components/error-message';
import { Loading } from '@/components/loading';
import { Section } from '@/components/section';
import { useSession } from '@/lib/auth/auth-context';
import { useFormat } from '@/lib/i18n/use-format';
import {
  type PortalProject,
  usePortalActionItems,
  usePortalBaselines,
  usePortalDocumentVersions,
  usePortalMeetings,
  usePortalProjects,
  usePortalTasks,
} from '../api/portal-queries';
import { MeetingDownload } from './meeting-download';
import { PortalFeedbackForm } from './portal-feedback-form';

/** The answers of per-project queries, each with the project it belongs to; failures (a project left, 403) are left out. */
function settled<T>(ids: string[], results: UseQueryResult<T, Error>[]): { projectId: string; value: T }[] {
  return results.flatMap((result, index) => (result.data === undefined ? [] : [{ projectId: ids[index], value: result.data }]));
}

/** The customer's portal: their projects, what waits for their signature, what they signed, their meetings and what they owe. */
export function PortalPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { session } = useSession();
  const user = session?.user ?? '';
  const open = usePortalTasks('open');
  const done = usePortalTasks('completed');
  const listed = usePortalProjects();
  const projects = new Map<string, PortalProject>((listed.data ?? []).map((project) => [project.id, project]));
  const visible = [...projects.keys()];
  const meetings = settled(visible, usePortalMeetings(visible)).flatMap(({ projectId, value }) => value.map((meeting) => ({ projectId, meeting })));
  const owed = settled(visible, usePortalActionItems(visible, user)).flatMap(({ projectId, value }) => value.map((item) => ({ projectId, item })));
  const baselinesSigned = settled(visible, usePortalBaselines(visible)).flatMap(({ projectId, value }) =>
    value.filter((baseline) => baseline.signatures.some((signature) => signature.by === user)).map((baseline) => ({ projectId, baseline })),
  );
  const documentsSigned = settled(visible, usePortalDocumentVersions(visible)).flatMap(({ projectId, value }) =>
    value.filter((version) => version.approvals.some((signature) => signature.by === user)).map((version) => ({ projectId, version })),
  );
  const waiting = (open.data?.items ?? []).filter((task) => task.kind === 'approval');
  const otherOpen = (open.data?.items ?? []).filter((task) => task.kind !== 'approval');
  const signedTasks = (done.data?.items ?? []).filter((task) => task.kind === 'approval');
  const nameOf = (projectId: string) => projects.get(projectId)?.name ?? projectId;
  const projectLink = (projectId: string) => <Link to={`/projects/${encodeURIComponent(projectId)}`}>{nameOf(projectId)}</Link>;

  if (open.isPending || done.isPending || listed.isPending) return <Loading />;
  const failed = open.error ?? done.error ?? listed.error;
  return (
    <section aria-labelledby="portal-title" className="portal">
      <h1 id="portal-title">{t('portal.title')}</h1>
      <p className="muted">{t('portal.intro', { user })}</p>
      {failed && <ErrorMessage error={failed} onRetry={() => void Promise.all([open.refetch(), done.refetch(), listed.refetch()])} />}

      <Section title={t('portal.waiting')} testId="portal-waiting">
        {waiting.length === 0 ? (
          <p className="muted">{t('portal.nothingWaiting')}</p>
        ) : (
          <ul>
            {waiting.map((task) => (
              <li key={task.id} data-task-id={task.id}>
                <Link to={`/tasks/${encodeURIComponent(task.id)}`}>{task.title}</Link> — {nameOf(task.projectId)}
                {task.dueAt && <span className="muted"> · {t('project.dueOn', { when: format.dateTime(task.dueAt) })}</span>}
              </li>
            ))}
          </ul>
        )}
        {otherOpen.length > 0 && (
          <>
            <h3>{t('portal.otherTasks')}</h3>
            <ul>
              {otherOpen.map((task) => (
                <li key={task.id}>
                  <Link to={`/tasks/${encodeURIComponent(task.id)}`}>{task.title}</Link> — {nameOf(task.projectId)}
                </li>
              ))}
            </ul>
          </>
        )}
      </Section>

      <Section title={t('portal.projects')} testId="portal-projects">
        {visible.length === 0 ? (
          <p className="muted">{t('portal.noProjects')}</p>
        ) : (
          <table className="tasks">
            <thead>
              <tr>
                <th scope="col">{t('portal.project')}</th>
                <th scope="col">{t('project.status')}</th>
                <th scope="col">{t('project.currentStage')}</th>
                <th scope="col">{t('project.started')}</th>
              </tr>
            </thead>
            <tbody>
              {visible.map((id) => {
                const project = projects.get(id) as PortalProject;
                return (
                  <tr key={id} data-project-id={id}>
                    <td>{projectLink(id)}</td>
                    <td>{t(`project.statusValue.${project.status}`)}</td>
                    <td>{project.currentStage ?? '—'}</td>
                    <td>{format.dateTime(project.startedAt)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </Section>

      <Section title={t('portal.signed')} testId="portal-signed">
        {signedTasks.length + baselinesSigned.length + documentsSigned.length === 0 ? (
          <p className="muted">{t('portal.nothingSigned')}</p>
        ) : (
          <ul>
            {documentsSigned.map(({ projectId, version }) => (
              <li key={`doc-${projectId}-${version.version}`}>
                {t('portal.signedDocument', { version: version.version })} — {projectLink(projectId)} · {format.dateTime(version.publishedAt)}
              </li>
            ))}
            {baselinesSigned.map(({ projectId, baseline }) => (
              <li key={`baseline-${projectId}-${baseline.version}`}>
                {t('portal.signedBaseline', { version: baseline.version })} — {projectLink(projectId)} · {format.dateTime(baseline.publishedAt)}
              </li>
            ))}
            {signedTasks.map((task) => (
              <li key={task.id}>
                <Link to={`/tasks/${encodeURIComponent(task.id)}`}>{task.title}</Link> — {projectLink(task.projectId)}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title={t('portal.meetings')} testId="portal-meetings">
        {meetings.length === 0 ? (
          <p className="muted">{t('portal.noMeetings')}</p>
        ) : (
          <ul>
            {meetings.map(({ projectId, meeting }) => (
              <li key={meeting.id}>
                <strong>{meeting.title}</strong> — {projectLink(projectId)} · {format.dateTime(meeting.scheduledAt)} ·{' '}
                {t(`project.meetingStatus.${meeting.status}`)} <MeetingDownload meeting={{ ...meeting, projectName: nameOf(projectId) }} />
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title={t('portal.owed')} testId="portal-owed">
        {owed.length === 0 ? (
          <p className="muted">{t('portal.nothingOwed')}</p>
        ) : (
          <ul>
            {owed.map(({ projectId, item }) => (
              <li key={item.id}>
                {item.item} — {projectLink(projectId)} · {t('project.dueOn', { when: format.dateTime(item.due) })}
                {item.overdue && <span className="badge overdue"> {t('inbox.overdueBadge')}</span>}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title={t('portal.feedback.title')} testId="portal-feedback">
        <PortalFeedbackForm projects={visible.map((id) => ({ id, name: nameOf(id) }))} />
      </Section>
    </section>
  );
}
