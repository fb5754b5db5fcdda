import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ErrorMessage } from '@/components/error-message';
import { Loading } from '@/components/loading';
import { useFormat } from '@/lib/i18n/use-format';
import { useTask } from '../api/task-queries';
import { ApprovalSignatures } from './approval-signatures';
import { DecisionPanel } from './decision-panel';
import { TaskActions } from './task-actions';
import { TaskContext } from './task-context';

/** One task: what it is about, its context, and the decision while it is open. */
export function TaskPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { taskId = '' } = useParams();
  const [delegatedTo, setDelegatedTo] = useState<string>();
  const task = useTask(taskId, delegatedTo === undefined);
  const [conflict, setConflict] = useState(false);
  const [withdrawn, setWithdrawn] = useState(false);

  if (delegatedTo !== undefined) {
    return (
      <article className="task">
        <p>
          <Link to="/">← {t('task.back')}</Link>
        </p>
        <p role="status" className="notice notice-success">
          {t('task.actions.delegated', { user: delegatedTo })}
        </p>
      </article>
    );
  }

  if (task.isPending) return <Loading />;
  if (task.error) return <ErrorMessage error={task.error} onRetry={() => void task.refetch()} />;
  const current = task.data;
  return (
    <article aria-labelledby="task-title" className="task">
      <p>
        <Link to="/">← {t('task.back')}</Link>
      </p>
      <h1 id="task-title">{current.title}</h1>
      <dl className="facts">
        <div className="pair">
          <dt>{t('task.project')}</dt>
          <dd>
            <Link to={`/projects/${current.projectId}`}>{current.projectName}</Link>
          </dd>
        </div>
        <div className="pair">
          <dt>{t('task.stage')}</dt>
          <dd>{current.stageId}</dd>
        </div>
        <div className="pair">
          <dt>{t('task.status')}</dt>
          <dd data-testid="task-status">{t(`status.${current.status}`)}</dd>
        </div>
        <div className="pair">
          <dt>{t('task.due')}</dt>
          <dd>{format.dateTime(current.dueAt)}</dd>
        </div>
        {current.claimedBy && (
          <div className="pair">
            <dt>{t('task.claimedBy')}</dt>
            <dd>{current.claimedBy}</dd>
          </div>
        )}
      </dl>
      {conflict && (
        <p role="alert" className="notice notice-warning">
          {t('task.conflict')}
        </p>
      )}
      {withdrawn && (
        <p role="status" className="notice notice-success">
          {t('task.actions.withdrawn')}
        </p>
      )}
      {current.status === 'completed' && current.outcome && (
        <p role="status" className="notice notice-success">
          {t('task.completed', { outcome: t(`task.outcome.${current.outcome}`, { defaultValue: current.outcome }), user: current.completedBy ?? '—' })}
        </p>
      )}
      {current.status !== 'open' && current.status !== 'completed' && <p className="notice">{t('task.notOpen', { status: t(`status.${current.status}`) })}</p>}
      <div className="task-layout">
        <div>
          <ApprovalSignatures task={current} />
          <TaskContext task={current} />
        </div>
        {current.status === 'open' && (
          <div>
            <DecisionPanel key={current.id} task={current} onConflict={() => setConflict(true)} />
            <TaskActions task={current} onWithdrawn={() => setWithdrawn(true)} onDelegated={setDelegatedTo} />
          </div>
        )}
      </div>
    </article>
  );
}
