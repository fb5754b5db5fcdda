import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ErrorMessage } from '@/components/error-message';
import { Loading } from '@/components/loading';
import { useFormat } from '@/lib/i18n/use-format';
import { useTask } from '../api/task-queries';
import { DecisionPanel } from './decision-panel';
import { TaskContext } from './task-context';

/** One task: what it is about, its context, and the decision while it is open. */
export function TaskPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { taskId = '' } = useParams();
  const task = useTask(taskId);
  const [conflict, setConflict] = useState(false);

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
      {current.status === 'completed' && current.outcome && (
        <p role="status" className="notice notice-success">
          {t('task.completed', { outcome: t(`task.outcome.${current.outcome}`, { defaultValue: current.outcome }), user: current.completedBy ?? '—' })}
        </p>
      )}
      {current.status !== 'open' && current.status !== 'completed' && <p className="notice">{t('task.notOpen', { status: t(`status.${current.status}`) })}</p>}
      <div className="task-layout">
        <TaskContext task={current} />
        {current.status === 'open' && <DecisionPanel key={current.id} task={current} onConflict={() => setConflict(true)} />}
      </div>
    </article>
  );
}
