import { useTranslation } from 'react-i18next';
import { QueryState } from '@/components/query-state';
import { Section } from '@/components/section';
import { useFormat } from '@/lib/i18n/use-format';
import type { useTimeline } from '../api/project-queries';

/** The project's dated history, oldest first, as the API tells it. */
export function TimelineSection({ timeline }: { timeline: ReturnType<typeof useTimeline> }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Section title={t('project.timeline')} testId="timeline">
      <QueryState query={timeline}>
        {({ items }) =>
          items.length === 0 ? (
            <p className="muted">{t('project.noTimeline')}</p>
          ) : (
            <ol className="timeline">
              {items.map((entry, index) => (
                <li key={index}>
                  <time dateTime={entry.at}>{format.dateTime(entry.at)}</time>{' '}
                  <span className="badge">{t(`project.timelineKind.${entry.kind}`, { defaultValue: entry.kind })}</span>
                  {entry.stage && <span className="muted"> {entry.stage}</span>} {entry.detail}
                </li>
              ))}
            </ol>
          )
        }
      </QueryState>
    </Section>
  );
}
