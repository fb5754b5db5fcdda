import '../customer-strings';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ErrorMessage } from '@/components/error-message';
import { Loading } from '@/components/loading';
import { ApiError } from '@/lib/api/api-error';
import { useSession } from '@/lib/auth/auth-context';
import { useFormat } from '@/lib/i18n/use-format';
import { isCustomerOnly } from '../api/customer-audience';
import { type CustomerKpis, type CustomerRecord, useCustomerRecord } from '../api/customer-queries';
import { ChurnAnalysis } from './churn-analysis';
import { ClassificationAnalysis } from './classification-analysis';
import { ChurnBadge, ClassBadge } from './customer-badges';
import { FeedbackSection, RequirementsSection, SurveysSection } from './customer-history-sections';
import { CustomerKpisSection } from './customer-kpis-section';
import { CustomerProfileSection } from './customer-profile-section';
import { CustomerProjectsSection, type LoadMore } from './customer-projects-section';
import { CustomersNotAvailable } from './customers-not-available';
import { ProjectNames, ReadingProjects } from './project-link';
import { ValueAnalysis } from './value-analysis';

/** A customer's record as the company's staff read it: who they are, what was done and said, and three analyses explained. */
export default function CustomerPage() {
  const { session } = useSession();
  const { key = '' } = useParams();
  if (session && isCustomerOnly(session.roles)) return <CustomersNotAvailable reason="customer" />;
  return <CustomerRecordView customerKey={key} mayTryEditing={!session?.roles.every((role) => role === 'auditor')} />;
}

function CustomerRecordView({ customerKey, mayTryEditing }: { customerKey: string; mayTryEditing: boolean }) {
  const record = useCustomerRecord(customerKey);
  if (record.isPending) return <Loading />;
  if (record.error) {
    // 404 for a customer the reader may see no project of, as for an unknown one; 400 for a key no customer can have.
    if (record.error instanceof ApiError && [400, 403, 404].includes(record.error.status)) return <CustomersNotAvailable reason="missing" />;
    return <ErrorMessage error={record.error} onRetry={() => void record.refetch()} />;
  }
  const [first, ...more] = record.data.pages;
  const projects = [first, ...more].flatMap((page) => page.projects);
  const loadMore = record.hasNextPage ? { onClick: () => void record.fetchNextPage(), busy: record.isFetchingNextPage } : undefined;
  return <RecordBody record={{ ...first, projects }} mayTryEditing={mayTryEditing} loadMore={loadMore} />;
}

function RecordBody({ record, mayTryEditing, loadMore }: { record: CustomerRecord; mayTryEditing: boolean; loadMore?: LoadMore }) {
  const { t } = useTranslation();
  const format = useFormat();
  const names = useMemo(() => new Map(record.projects.map((project) => [project.id, project.name])), [record.projects]);
  const readings = useMemo(() => new Map(record.surveys.map((survey) => [survey.id, survey.projectId])), [record.surveys]);
  const { classification, value, churn, computedAt } = record.analyses;
  return (
    <ProjectNames.Provider value={names}>
      <ReadingProjects.Provider value={readings}>
        <article aria-labelledby="customer-title" className="customer-record">
          <p>
            <Link to="/customers">← {t('customers.back')}</Link>
          </p>
          <h1 id="customer-title">{record.name}</h1>
          <p className="record-facts">
            <code>{record.key}</code> <ClassBadge abc={classification.abc} stage={classification.stage} />{' '}
            <ChurnBadge score={churn.score} warning={churn.warning} />{' '}
            <span className="muted small">
              {record.since ? t('customers.since', { when: format.dateTime(record.since) }) : t('customers.noProjectYet')} ·{' '}
              {t('customers.computed', { when: format.dateTime(computedAt) })}
            </span>
          </p>
          <CustomerProfileSection customerKey={record.key} profile={record.profile} mayTryEditing={mayTryEditing} />
          <h2 className="group-heading">{t('customers.analyses')}</h2>
          <ClassificationAnalysis classification={classification} />
          <ValueAnalysis value={value} />
          <ChurnAnalysis churn={churn} />
          <CustomerProjectsSection projects={record.projects} projectsNotVisible={record.projectsNotVisible} loadMore={loadMore} />
          <CustomerKpisSection kpis={record.kpis as CustomerKpis} surveys={record.surveys} />
          <RequirementsSection requirements={record.requirements} />
          <FeedbackSection feedback={record.feedback} />
          <SurveysSection surveys={record.surveys} />
        </article>
      </ReadingProjects.Provider>
    </ProjectNames.Provider>
  );
}
