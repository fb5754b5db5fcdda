import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldList } from '@/components/field-list';
import { Section } from '@/components/section';
import { useFormat } from '@/lib/i18n/use-format';
import { useKpiUnits } from '@/lib/i18n/use-kpi-units';
import type { CustomerRecord } from '../api/customer-queries';
import { ProjectLink } from './project-link';

type Requirement = CustomerRecord['requirements'][number];
type Feedback = CustomerRecord['feedback'][number];
type Survey = CustomerRecord['surveys'][number];

/** The confirmed specification at each version, newest first, with who recorded it and in which project. */
export function RequirementsSection({ requirements }: { requirements: Requirement[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const newestFirst = [...requirements].sort((left, right) => right.version - left.version || right.recordedAt.localeCompare(left.recordedAt));
  return (
    <Section title={t('customers.requirements.title')} testId="customer-requirements">
      {newestFirst.length === 0 ? (
        <p className="muted">{t('customers.requirements.none')}</p>
      ) : (
        <ol className="requirement-versions">
          {newestFirst.map((requirement) => (
            <li key={requirement.id}>
              <h3>
                {t('customers.requirements.version', {
                  version: format.number(requirement.version),
                })}
              </h3>
              <p className="muted small">
                {t('customers.requirements.recorded', {
                  when: format.dateTime(requirement.recordedAt),
                  who: requirement.recordedBy ?? '—',
                })}{' '}
                · <ProjectLink id={requirement.projectId} />
              </p>
              <FieldList record={requirement.specification} />
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}

type FeedbackFilter = 'all' | 'open' | 'closed';

/** Feedback and complaints, oldest first, open until their sub-process closes them; shown all, open or closed. */
export function FeedbackSection({ feedback }: { feedback: Feedback[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [shown, setShown] = useState<FeedbackFilter>('all');
  const open = feedback.filter((item) => item.status === 'open').length;
  const items = shown === 'all' ? feedback : feedback.filter((item) => item.status === shown);
  return (
    <Section title={t('customers.feedback.title')} testId="customer-feedback">
      <p className="small">
        {t('customers.feedback.summary', {
          open: format.number(open),
          closed: format.number(feedback.length - open),
          complaints: format.number(feedback.filter((item) => item.complaint).length),
        })}
      </p>
      <div className="segmented" role="group" aria-label={t('customers.feedback.show')}>
        {(['all', 'open', 'closed'] as const).map((filter) => (
          <button type="button" key={filter} aria-pressed={shown === filter} onClick={() => setShown(filter)}>
            {t(`customers.feedback.filter.${filter}`)}
          </button>
        ))}
      </div>
      {items.length === 0 ? (
        <p className="muted">{t('customers.feedback.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="tasks">
            <thead>
              <tr>
                <th scope="col">{t('customers.feedback.raised')}</th>
                <th scope="col">{t('customers.feedback.kind')}</th>
                <th scope="col">{t('customers.feedback.description')}</th>
                <th scope="col">{t('customers.feedback.status')}</th>
                <th scope="col">{t('customers.feedback.project')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id} data-feedback={item.id}>
                  <td>
                    {format.dateTime(item.raisedAt)}
                    <span className="muted small block">
                      {t('customers.feedback.by', {
                        who: item.raisedBy,
                        channel: item.channel,
                      })}
                    </span>
                  </td>
                  <td>
                    <span className={`badge ${item.complaint ? 'complaint' : ''}`}>
                      {t(item.complaint ? 'customers.feedback.complaint' : 'customers.feedback.feedback')}
                    </span>
                  </td>
                  <td>{item.description}</td>
                  <td>
                    <span className={`badge feedback-${item.status}`}>{t(`customers.feedback.statusValue.${item.status}`)}</span>
                    {item.closedAt && <span className="muted small block">{format.dateTime(item.closedAt)}</span>}
                  </td>
                  <td>
                    <ProjectLink id={item.projectId} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}

/** Each satisfaction survey with its marks and its project. */
export function SurveysSection({ surveys }: { surveys: Survey[] }) {
  const { t } = useTranslation();
  const units = useKpiUnits();
  const mark = (value: number | null | undefined) => (value == null ? '—' : units.bareScore(value));
  return (
    <Section title={t('customers.survey.title')} testId="customer-surveys">
      {surveys.length === 0 ? (
        <p className="muted">{t('customers.survey.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="tasks">
            <thead>
              <tr>
                <th scope="col">{t('customers.when')}</th>
                <th scope="col" className="number">
                  {t('customers.survey.score')}
                </th>
                <th scope="col" className="number">
                  {t('customers.survey.overall')}
                </th>
                <th scope="col" className="number">
                  {t('customers.survey.deliverables')}
                </th>
                <th scope="col" className="number">
                  {t('customers.survey.service')}
                </th>
                <th scope="col">{t('customers.feedback.project')}</th>
              </tr>
            </thead>
            <tbody>
              {surveys.map((survey) => (
                <tr key={survey.id}>
                  <td>{units.dateTime(survey.at)}</td>
                  <td className="number">{units.score(survey.score)}</td>
                  <td className="number">{mark(survey.overall)}</td>
                  <td className="number">{mark(survey.deliverables)}</td>
                  <td className="number">{mark(survey.service)}</td>
                  <td>
                    <ProjectLink id={survey.projectId} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}
