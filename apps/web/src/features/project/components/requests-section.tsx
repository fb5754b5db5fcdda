import { useTranslation } from 'react-i18next';
import { QueryState } from '@/components/query-state';
import { Section } from '@/components/section';
import { useFormat } from '@/lib/i18n/use-format';
import { useChangeRequests, useFeedback } from '../api/project-queries';

/** Change requests and where each stands, with the baseline it produced. */
export function ChangeRequestsSection({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const requests = useChangeRequests(projectId);
  return (
    <Section title={t('project.changeRequests')}>
      <QueryState query={requests}>
        {({ items }) =>
          items.length === 0 ? (
            <p className="muted">{t('project.noChangeRequests')}</p>
          ) : (
            <ul>
              {items.map((request) => (
                <li key={request.id}>
                  <strong>{request.trigger}</strong>: {request.reason} — {request.raisedBy}, {format.dateTime(request.raisedAt)} · {request.status}
                  {request.outcome && ` (${request.outcome})`}
                  {request.baseline != null && ` → ${t('project.baseline', { version: request.baseline })}`}
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </Section>
  );
}

/** Feedback and complaints with their owner and status. */
export function FeedbackSection({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const feedback = useFeedback(projectId);
  return (
    <Section title={t('project.feedback')}>
      <QueryState query={feedback}>
        {({ items }) =>
          items.length === 0 ? (
            <p className="muted">{t('project.noFeedback')}</p>
          ) : (
            <ul>
              {items.map((item) => (
                <li key={item.id}>
                  {item.complaint && <span className="badge overdue">{t('project.complaint')}</span>} {item.description} — {item.channel}, {item.raisedBy},{' '}
                  {format.dateTime(item.raisedAt)} · {item.status}
                  {item.owner && ` · ${item.owner}`}
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </Section>
  );
}
