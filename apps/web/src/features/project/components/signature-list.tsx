import { useTranslation } from 'react-i18next';
import { useFormat } from '@/lib/i18n/use-format';
import type { Signature } from '../api/project-queries';

/** Who signed, for which side (the approver slot), how they decided, and when when it is known. */
export function SignatureList({ signatures }: { signatures: Signature[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (signatures.length === 0) return <span className="muted">{t('project.noSignatures')}</span>;
  return (
    <ul className="signatures">
      {signatures.map((signature) => {
        const fields = { by: signature.by, approver: signature.approver.replace(/^role:/, ''), decision: t(`project.decision.${signature.decision}`) };
        return (
          <li key={`${signature.approver}-${signature.by}`} data-testid="signature">
            {signature.at ? t('project.signatureAt', { ...fields, when: format.dateTime(signature.at) }) : t('project.signature', fields)}
          </li>
        );
      })}
    </ul>
  );
}
