import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ErrorMessage } from '@/components/error-message';
import { Loading } from '@/components/loading';
import { Section } from '@/components/section';
import { ApiError } from '@/lib/api/api-error';
import { teamKpiCsvHref, useTeamKpiReport } from '../api/team-queries';
import { useKpiUnits } from '@/lib/i18n/use-kpi-units';
import { SatisfactionFigure } from './satisfaction-figure';
import { TeamIncentivesTable } from './team-incentives-table';
import { TeamKpiList } from './team-kpi-list';
import { TeamProjectsTable } from './team-projects-table';

/** A team's KPIs (R-EXP-10) as a manager reads them: the roll-up, satisfaction per project, each project, and each person's incentives. */
export function TeamPage() {
  const { t } = useTranslation();
  const units = useKpiUnits();
  const { team = '' } = useParams();
  const report = useTeamKpiReport(team);

  if (report.isPending) return <Loading />;
  if (report.error) {
    // 404 for a team the reader may see no project of, as for one that does not exist; 400 for a key no team can have.
    if (report.error instanceof ApiError && (report.error.status === 404 || report.error.status === 400)) {
      return (
        <section aria-labelledby="team-missing">
          <p>
            <Link to="/">← {t('task.back')}</Link>
          </p>
          <h1 id="team-missing">{t('team.notAvailableTitle')}</h1>
          <p role="alert" className="notice notice-warning" data-testid="team-not-available">
            {t('team.notAvailable')}
          </p>
        </section>
      );
    }
    return <ErrorMessage error={report.error} onRetry={() => void report.refetch()} />;
  }
  const { kpis, projects, members, projectsNotVisible, computedAt } = report.data;
  return (
    <article aria-labelledby="team-title" className="team">
      <p>
        <Link to="/">← {t('task.back')}</Link>
      </p>
      <h1 id="team-title">{t('team.title', { team })}</h1>
      <p className="muted small">{t('team.computed', { when: units.dateTime(computedAt) })}</p>
      {projectsNotVisible > 0 && (
        <p className="notice" data-testid="team-not-visible">
          {t('team.notVisible', { count: projectsNotVisible, shown: units.number(projectsNotVisible) })}
        </p>
      )}
      <p>
        {/* A download, not a page of the app: a plain link the session cookie authenticates (see teamKpiCsvHref). */}
        <a href={teamKpiCsvHref(team)} download data-testid="team-csv">
          {t('team.downloadCsv')}
        </a>
      </p>
      <Section title={t('team.kpis')} testId="team-kpis">
        <TeamKpiList kpis={kpis} units={units} />
      </Section>
      <Section title={t('team.projects')} testId="team-projects-section">
        <SatisfactionFigure projects={projects} units={units} />
        <TeamProjectsTable projects={projects} units={units} />
      </Section>
      <Section title={t('team.incentives')} testId="team-incentives-section">
        <TeamIncentivesTable members={members} units={units} />
      </Section>
    </article>
  );
}
