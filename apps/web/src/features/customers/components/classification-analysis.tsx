import { useTranslation } from 'react-i18next';
import { Section } from '@/components/section';
import { useFormat } from '@/lib/i18n/use-format';
import type { CustomerRecord } from '../api/customer-queries';
import { ClassBadge } from './customer-badges';
import { ProjectLinks } from './project-link';

type Classification = CustomerRecord['analyses']['classification'];

/** The class explained: the figure classed against the thresholds it met, and why the relationship is at its stage. */
export function ClassificationAnalysis({ classification }: { classification: Classification }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { abc, basis, figure, thresholds, stage, stageReason, stageFrom } = classification;
  const figureText = format.number(figure);
  const met = abc === 'A' ? 'customers.classification.metA' : abc === 'B' ? 'customers.classification.metB' : 'customers.classification.metC';
  return (
    <Section title={t('customers.classification.title')} testId="classification-analysis">
      <p className="analysis-verdict">
        <ClassBadge abc={abc} stage={stage} />
      </p>
      <dl className="field-list">
        <div className="pair">
          <dt>{t('customers.classification.basis')}</dt>
          <dd>{t(`customers.basis.${basis}`)}</dd>
        </div>
        <div className="pair">
          <dt>{t('customers.classification.figure')}</dt>
          <dd>
            {basis === 'contract-value'
              ? figureText
              : t('customers.classification.projects', {
                  count: figure,
                  formattedCount: figureText,
                })}
          </dd>
        </div>
        <div className="pair">
          <dt>{t('customers.classification.thresholds')}</dt>
          <dd>
            {t('customers.classification.thresholdsValue', {
              a: format.number(thresholds.a),
              b: format.number(thresholds.b),
            })}
          </dd>
        </div>
      </dl>
      <p data-testid="classification-reason">
        {t(met, {
          figure: figureText,
          a: format.number(thresholds.a),
          b: format.number(thresholds.b),
        })}
      </p>
      <h3>{t('customers.classification.stageTitle')}</h3>
      <p data-testid="stage-reason">
        {t(`customers.stage.${stage}`)}: {stageReason}
      </p>
      <dl className="field-list">
        <div className="pair">
          <dt>{t('customers.classification.running')}</dt>
          <dd>
            <ProjectLinks ids={stageFrom.running} />
          </dd>
        </div>
        <div className="pair">
          <dt>{t('customers.classification.completed')}</dt>
          <dd>
            <ProjectLinks ids={stageFrom.completed} />
          </dd>
        </div>
        {stageFrom.lastEndedAt && (
          <div className="pair">
            <dt>{t('customers.classification.lastEnded')}</dt>
            <dd>
              {t('customers.classification.lastEndedValue', {
                when: format.dateTime(stageFrom.lastEndedAt),
                days: format.number(stageFrom.daysSinceLastEnd ?? 0),
              })}
            </dd>
          </div>
        )}
      </dl>
    </Section>
  );
}
