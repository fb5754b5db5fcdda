import { useTranslation } from 'react-i18next';
import { QueryState } from '@/components/query-state';
import { Section } from '@/components/section';
import { useFormat } from '@/lib/i18n/use-format';
import { useProgress } from '../api/progress-queries';

/** The progress tracking table (R-EXP-6): each task of each phase, its owner and due date, planned against actual. */
export function ProgressSection({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const progress = useProgress(projectId, true);
  return (
    <Section title={t('project.progress.title')} testId="progress">
      <QueryState query={progress}>
        {(table) =>
          table === null ? (
            <p className="muted">{t('project.progress.none')}</p>
          ) : (
            <>
              <p className="muted small">
                {t('project.progress.reported', { when: format.dateTime(table.at), source: table.source, deviation: format.percent(table.scheduleDeviation) })}
              </p>
              <table className="tasks progress">
                <thead>
                  <tr>
                    <th scope="col">{t('project.progress.phase')}</th>
                    <th scope="col">{t('project.progress.task')}</th>
                    <th scope="col">{t('project.progress.owner')}</th>
                    <th scope="col">{t('project.progress.due')}</th>
                    <th scope="col" className="number">
                      {t('project.progress.planned')}
                    </th>
                    <th scope="col" className="number">
                      {t('project.progress.actual')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {table.rows.map((row, index) => (
                    <tr key={index} className={row.actualPercent < row.plannedPercent ? 'behind' : undefined}>
                      <td>{row.phase}</td>
                      <td>{row.task}</td>
                      <td>{row.owner}</td>
                      <td>{format.date(row.due)}</td>
                      <td className="number">{format.percent(row.plannedPercent / 100)}</td>
                      <td className="number">
                        {format.percent(row.actualPercent / 100)}
                        {row.actualPercent < row.plannedPercent && <span className="badge overdue">{t('project.progress.behind')}</span>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )
        }
      </QueryState>
    </Section>
  );
}
