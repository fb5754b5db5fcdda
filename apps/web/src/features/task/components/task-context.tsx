import { useTranslation } from 'react-i18next';
import { FieldList } from '@/components/field-list';
import { useFormat } from '@/lib/i18n/use-format';
import type { Task } from '../api/task-queries';

/** What a decision needs around it: what the stage decided so far, the meeting's agenda, the task's history. */
export function TaskContext({ task }: { task: Task }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <div className="task-context">
      {task.agenda && task.agenda.length > 0 && (
        <section aria-labelledby="agenda-title" className="card">
          <h2 id="agenda-title">{t('task.agenda')}</h2>
          <ol>
            {task.agenda.map((point, index) => (
              <li key={index}>{point}</li>
            ))}
          </ol>
        </section>
      )}
      <section aria-labelledby="decided-title" className="card">
        <h2 id="decided-title">{t('task.decidedSoFar')}</h2>
        {task.decidedSoFar.length === 0 ? (
          <p className="muted">{t('task.nothingDecided')}</p>
        ) : (
          // A step returned for rework is in the list once per completion: its id is not a key.
          task.decidedSoFar.map((step, index) => (
            <article key={index} className="decided-step">
              <h3>
                {step.title} {step.outcome && <span className="badge">{t(`task.decidedOutcome.${step.outcome}`, { defaultValue: step.outcome })}</span>}
              </h3>
              {step.completedBy && <p className="muted small">{t('task.by', { user: step.completedBy, when: format.dateTime(step.completedAt) })}</p>}
              {step.comment && <blockquote className="decision-comment">{step.comment}</blockquote>}
              {step.data && Object.keys(step.data).length > 0 && <FieldList record={step.data} />}
            </article>
          ))
        )}
      </section>
      <section aria-labelledby="history-title" className="card">
        <h2 id="history-title">{t('task.history')}</h2>
        <ol className="history">
          {task.history.map((entry, index) => (
            <li key={index}>
              <time dateTime={entry.at}>{format.dateTime(entry.at)}</time>{' '}
              <strong>{t(`task.historyAction.${entry.action.replace(/\./g, '-')}`, { defaultValue: entry.action })}</strong> · {entry.actor}
              {entry.reason && (
                <>
                  {' '}
                  <q>{entry.reason}</q>
                </>
              )}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
