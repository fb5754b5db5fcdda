import { useTranslation } from 'react-i18next';
import { useFormat } from '@/lib/i18n/use-format';
import { approvalSignatures, type SignatureLine } from '../api/approval-signatures';
import type { Task } from '../api/task-queries';

/** Each side's decision on an approval (a dual signature has one slot per side): who, what, when, and on which version of the submission. */
export function ApprovalSignatures({ task }: { task: Task }) {
  const { t } = useTranslation();
  const format = useFormat();
  const signatures = approvalSignatures(task);
  if (signatures.length === 0) return null;
  const { submission } = task;

  const decision = (signature: SignatureLine) => {
    if (signature.pending) return t('task.signatures.waiting');
    if (!signature.outcome) return t(`status.${signature.status}`);
    const fields = {
      outcome: t(`task.outcome.${signature.outcome}`, { defaultValue: signature.outcome }),
      user: signature.by ?? '—',
      when: format.dateTime(signature.at),
    };
    return signature.version === null
      ? t('task.signatures.decidedUnversioned', fields)
      : t('task.signatures.decided', { ...fields, version: signature.version });
  };

  return (
    <section aria-labelledby="signatures-title" className="card" data-testid="approval-signatures">
      <h2 id="signatures-title">{t('task.signatures.title')}</h2>
      {submission && (
        <p data-testid="submission">
          {t('task.signatures.submission', {
            title: submission.title,
            version: submission.version,
            user: submission.submittedBy,
            when: format.dateTime(submission.submittedAt),
          })}
        </p>
      )}
      <ul className="signatures">
        {signatures.map((signature, index) => (
          // The side on a line of its own: slot titles are long, and the decision reads as one sentence below.
          <li key={index}>
            <strong>{signature.title}</strong>
            <div>{decision(signature)}</div>
          </li>
        ))}
      </ul>
      <p className="muted small">{t('task.signatures.note')}</p>
    </section>
  );
}
