import { type FormEvent, lazy, type ReactNode, Suspense, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '@/components/loading';
import { ApiError } from '@/lib/api/api-error';
import { type FieldErrorTree, splitFieldErrors } from '../api/field-errors';
import { type Task, useCommentTask, useCompleteTask } from '../api/task-queries';

// The form renderer and its validator are the app's heaviest code: loaded with the first task that has a form.
const TaskForm = lazy(() => import('./task-form'));

/** Decide the task: its form, a comment, one button per allowed outcome; the API's answer said plainly. */
export function DecisionPanel({ task, onConflict }: { task: Task; onConflict: () => void }) {
  const { t } = useTranslation();
  const commentId = useId();
  const complete = useCompleteTask(task.id);
  const comment = useCommentTask(task.id);
  const [formData, setFormData] = useState<Record<string, unknown>>({});
  const [commentText, setCommentText] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrorTree>({});
  const [problems, setProblems] = useState<string[]>([]);
  const outcome = useRef<string>(task.outcomes[0] ?? 'done');

  const decide = () => {
    setProblems([]);
    if (outcome.current === 'return' && commentText.trim() === '') {
      setProblems([t('task.returnNeedsReason')]);
      return;
    }
    complete.mutate(
      { outcome: outcome.current, data: task.form ? formData : undefined, comment: commentText.trim() || undefined },
      {
        onSuccess: () => setFieldErrors({}),
        onError: (error) => {
          if (error instanceof ApiError && error.status === 409) {
            // The page says so and shows the task as it is now (this panel goes with the open task).
            onConflict();
            return;
          }
          if (error instanceof ApiError && (error.status === 400 || error.status === 422)) {
            const { fields, other } = splitFieldErrors(error.body.details);
            setFieldErrors(fields);
            setProblems([t('task.invalid'), ...other]);
            return;
          }
          setProblems([error.message]);
        },
      },
    );
  };

  const buttons: ReactNode = (
    <>
      <div className="field">
        <label htmlFor={commentId}>{t('task.comment')}</label>
        <textarea
          id={commentId}
          value={commentText}
          onChange={(event) => setCommentText(event.target.value)}
          rows={3}
          maxLength={2000}
          aria-describedby={`${commentId}-hint`}
        />
        <p id={`${commentId}-hint`} className="muted small">
          {t('task.commentHint')}
        </p>
      </div>
      <div className="actions">
        {task.outcomes.map((name) => (
          <button
            key={name}
            type="submit"
            className={name === 'reject' || name === 'return' ? 'danger' : 'primary'}
            disabled={complete.isPending}
            onClick={() => {
              outcome.current = name;
            }}
          >
            {t(`task.outcome.${name}`, { defaultValue: name })}
          </button>
        ))}
        <button
          type="button"
          disabled={comment.isPending || commentText.trim() === ''}
          onClick={() => comment.mutate(commentText.trim(), { onSuccess: () => setCommentText('') })}
        >
          {t('task.addComment')}
        </button>
      </div>
    </>
  );

  const submitPlain = (event: FormEvent) => {
    event.preventDefault();
    decide();
  };

  return (
    <section aria-labelledby="decision-title" className="card decision">
      <h2 id="decision-title">{t('task.decision')}</h2>
      {problems.length > 0 && (
        <div role="alert" className="notice notice-error">
          {problems.map((problem) => (
            <p key={problem}>{problem}</p>
          ))}
        </div>
      )}
      {comment.isSuccess && <p role="status">{t('task.commentAdded')}</p>}
      {task.form ? (
        <Suspense fallback={<Loading label={t('task.loadingForm')} />}>
          <TaskForm schema={task.form} formData={formData} fieldErrors={fieldErrors} disabled={complete.isPending} onChange={setFormData} onSubmit={decide}>
            {buttons}
          </TaskForm>
        </Suspense>
      ) : (
        <form onSubmit={submitPlain}>{buttons}</form>
      )}
    </section>
  );
}
