import { useTranslation } from 'react-i18next';
import { FieldList } from '@/components/field-list';
import { QueryState } from '@/components/query-state';
import { Section } from '@/components/section';
import { useFormat } from '@/lib/i18n/use-format';
import { useBaselines, useGoals } from '../api/project-queries';
import { SignatureList } from './signature-list';

/** Every baseline with both sides' signatures and the change proposal that produced it. */
export function BaselinesSection({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const baselines = useBaselines(projectId);
  return (
    <Section title={t('project.baselines')} testId="baselines">
      <QueryState query={baselines}>
        {({ items }) =>
          items.length === 0 ? (
            <p className="muted">{t('project.noBaselines')}</p>
          ) : (
            items.map((baseline) => (
              <article key={baseline.version}>
                <h3>
                  {t('project.baseline', { version: baseline.version })} <span className="muted small">{format.dateTime(baseline.publishedAt)}</span>
                </h3>
                <p className="muted small">{t('project.goalCount', { count: baseline.goals.length })}</p>
                <SignatureList signatures={baseline.signatures} />
                {baseline.changeProposal && (
                  <>
                    <h4>{t('project.changeProposal')}</h4>
                    <FieldList record={baseline.changeProposal} />
                  </>
                )}
              </article>
            ))
          )
        }
      </QueryState>
    </Section>
  );
}

/** The SMART goals of the baseline in force. */
export function GoalsSection({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const goals = useGoals(projectId);
  return (
    <Section title={t('project.goals')}>
      <QueryState query={goals}>
        {(inForce) =>
          !inForce || inForce.goals.length === 0 ? (
            <p className="muted">{t('project.noGoals')}</p>
          ) : (
            <>
              <p className="muted small">{t('project.baseline', { version: inForce.baseline })}</p>
              <ol>
                {inForce.goals.map((goal, index) => (
                  <li key={index}>
                    <FieldList record={goal} />
                  </li>
                ))}
              </ol>
            </>
          )
        }
      </QueryState>
    </Section>
  );
}
