import { useTranslation } from 'react-i18next';
import type { Signature } from '../api/project-queries';

/** Who signed, for which side (the approver slot), and how they decided. */
export function SignatureList({ signatures }: { signatures: Signature[] }) {
  const { t } = useTranslation();
  if (signatures.length === 0) return <span className="muted">{t('project.noSignatures')}</span>;
  return (
    <ul className="signatures">
      {signatures.map((signature) => (
        <li key={`${signature.approver}-${signature.by}`} data-testid="signature">
          {t('project.signature', { by: signature.by, approver: signature.approver.replace(/^role:/, ''), decision: t(`project.decision.${signature.decision}`) })}
        </li>
      ))}
    </ul>
  );
}
