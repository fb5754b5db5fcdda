import { useTranslation } from 'react-i18next';
import { FieldList } from '@/components/field-list';
import { QueryState } from '@/components/query-state';
import { Section } from '@/components/section';
import { useFormat } from '@/lib/i18n/use-format';
import { useMeetings } from '../api/project-queries';

/** Meetings with the agenda they were called with, their minutes and action items (a customer gets only those they are invited to). */
export function MeetingsSection({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const meetings = useMeetings(projectId);
  return (
    <Section title={t('project.meetings')}>
      <QueryState query={meetings}>
        {({ items }) =>
          items.length === 0 ? (
            <p className="muted">{t('project.noMeetings')}</p>
          ) : (
            items.map((meeting) => (
              <article key={meeting.id} className="meeting">
                <h3>
                  {meeting.title} <span className="badge">{t(`project.meetingStatus.${meeting.status}`)}</span>
                </h3>
                <p className="muted small">
                  {format.dateTime(meeting.heldAt ?? meeting.scheduledAt)} · {t('project.organizer', { user: meeting.organizer })} ·{' '}
                  {meeting.attendees.join(', ')}
                </p>
                <h4>{t('project.agenda')}</h4>
                {meeting.agenda.length === 0 ? (
                  <p className="muted">—</p>
                ) : (
                  <ol>
                    {meeting.agenda.map((point, index) => (
                      <li key={index}>{point}</li>
                    ))}
                  </ol>
                )}
                {meeting.minutes && (
                  <>
                    <h4>{t('project.minutes')}</h4>
                    <FieldList record={meeting.minutes} />
                  </>
                )}
                {meeting.actionItems.length > 0 && (
                  <>
                    <h4>{t('project.actionItems')}</h4>
                    <ul>
                      {meeting.actionItems.map((item) => (
                        <li key={item.id}>
                          {item.item} — {item.owner}, {t('project.dueOn', { when: format.dateTime(item.due) })} · {t(`project.itemStatus.${item.status}`)}
                          {item.overdue && <span className="badge overdue"> {t('inbox.overdueBadge')}</span>}
                        </li>
                      ))}
                    </ul>
                  </>
                )}
              </article>
            ))
          )
        }
      </QueryState>
    </Section>
  );
}
