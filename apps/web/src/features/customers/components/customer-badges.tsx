import { useTranslation } from 'react-i18next';
import { useFormat } from '@/lib/i18n/use-format';

/** The ABC class and relationship stage in words (never by colour alone). */
export function ClassBadge({ abc, stage }: { abc: 'A' | 'B' | 'C'; stage: string }) {
  const { t } = useTranslation();
  return (
    <span className={`badge customer-class class-${abc}`} data-testid="class-badge">
      {t('customers.classBadge', { abc, stage: t(`customers.stage.${stage}`) })}
    </span>
  );
}

/** The churn score, and whether it is above the company's threshold, in words. */
export function ChurnBadge({ score, warning }: { score: number; warning: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <span className={`badge churn ${warning ? 'churn-warning' : 'churn-ok'}`} data-testid="churn-badge">
      {t(warning ? 'customers.churnWarningBadge' : 'customers.churnOkBadge', {
        score: format.percent(score),
      })}
    </span>
  );
}
