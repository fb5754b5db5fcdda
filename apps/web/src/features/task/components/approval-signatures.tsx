import { useTranslation } from 'react-i18next';
import { useFormat } from '@/lib/i18n/use-format';
import { approvalSignatures } from '../api/approval-submitter';
import type { Task } from '../api/task-queries';

/** Each side's decision on an approval (a dual signature has one slot per side): who, what and when. */
export function ApprovalSignatures({ task }: { task: Task }) {
  const { t } = useTranslation();
  const format = useFormat();
  const signatures = approvalSignatures(task);
  if (signatures.length === 0) return null;
  return (
    <section aria-labelledby="signatures-title" className="card" data-testid="approval-signatures">
      <h2 id="signatures-title">{t('task.signatures.title')}</h2>
      <ul>
        {signatures.map((signature, index) => (
          <li key={index}>
            <strong>{signature.title}</strong>:{' '}
            {signature.pending
              ? t('task.signatures.waiting')
              : !signature.outcome
                ? t(`status.${signature.status}`)
                : t('task.signatures.decided', {
                  outcome: t(`task.outcome.${signature.outcome}`, { defaultValue: signature.outcome }),
                  user: signature.by ?? '—',
                  when: format.dateTime(signature.at),
                })}
          </li>
        ))}
      </ul>
      <p className="muted small">{t('task.signatures.note')}</p>
    </section>
  );
}
