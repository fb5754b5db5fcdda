import { useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { Section } from '@/components/section';
import { useFormat } from '@/lib/i18n/use-format';
import type { ChurnSignal, CustomerRecord } from '../api/customer-queries';
import { ChurnBadge } from './customer-badges';
import { ProjectLink, ReadingProjects } from './project-link';

type Churn = CustomerRecord['analyses']['churn'];

/** Figures of the score are small fractions: three decimals say them without noise. */
const round = (value: number) => Math.round(value * 1000) / 1000;

/**
 * The churn warning explained: the score against the company's threshold, and for each signal
 * its weight, how much was measured against what counts in full, what it adds to the score, the
 * API's sentence, and the records it was computed from, linked to their projects.
 */
export function ChurnAnalysis({ churn }: { churn: Churn }) {
  const { t } = useTranslation();
  const format = useFormat();
  const totalWeight = churn.signals.reduce((sum, signal) => sum + signal.weight, 0);
  return (
    <Section title={t('customers.churn.title')} testId="churn-analysis">
      <p className="analysis-verdict" data-testid="churn-verdict">
        <ChurnBadge score={churn.score} warning={churn.warning} />{' '}
        {t(churn.warning ? 'customers.churn.above' : 'customers.churn.notAbove', {
          score: format.percent(churn.score),
          threshold: format.percent(churn.threshold),
        })}
      </p>
      <ScoreBar score={churn.score} threshold={churn.threshold} />
      <p className="muted small">{t('customers.churn.how', { total: format.number(round(totalWeight)) })}</p>
      <div className="table-scroll">
        <table className="tasks churn-signals" data-testid="churn-signals">
          <caption className="visually-hidden">{t('customers.churn.signals')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('customers.churn.signal')}</th>
              <th scope="col" className="number">
                {t('customers.churn.weight')}
              </th>
              <th scope="col" className="number">
                {t('customers.churn.measured')}
              </th>
              <th scope="col" className="number">
                {t('customers.churn.value')}
              </th>
              <th scope="col" className="number">
                {t('customers.churn.contribution')}
              </th>
              <th scope="col">{t('customers.churn.explanation')}</th>
              <th scope="col">{t('customers.churn.from')}</th>
            </tr>
          </thead>
          <tbody>
            {churn.signals.map((signal) => (
              <SignalRow key={signal.name} signal={signal} />
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}

function SignalRow({ signal }: { signal: ChurnSignal }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <tr data-signal={signal.name}>
      <th scope="row">{t(`customers.signal.${signal.name}`)}</th>
      <td className="number">{format.number(signal.weight)}</td>
      <td className="number">
        {t(`customers.measure.${signal.name}`, {
          measured: format.number(round(signal.measured)),
          fullAt: format.number(signal.fullAt),
        })}
      </td>
      <td className="number">{format.percent(signal.value)}</td>
      <td className="number">{format.number(round(signal.contribution))}</td>
      <td>{signal.explanation}</td>
      <td>
        <SignalSources signal={signal} />
      </td>
    </tr>
  );
}

/** The records a signal counted: each with its date, its figure when it has one, and its project. */
function SignalSources({ signal }: { signal: ChurnSignal }) {
  const { t } = useTranslation();
  const format = useFormat();
  const readings = useContext(ReadingProjects);
  if (signal.from.length === 0) return <span className="muted">{t('customers.churn.nothing')}</span>;
  return (
    <ul className="sources">
      {signal.from.map((source) => {
        const projectId = source.projectId ?? readings.get(source.id);
        return (
          <li key={source.id}>
            {t(`customers.source.${signal.name}`)} <time dateTime={source.at}>{format.dateTime(source.at)}</time>
            {source.value !== undefined && <> · {format.number(round(source.value))}</>}
            {projectId && (
              <>
                {' · '}
                <ProjectLink id={projectId} />
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** The score on a scale of 0 to 1 with the threshold marked; the words above say the same. */
function ScoreBar({ score, threshold }: { score: number; threshold: number }) {
  const clamp = (value: number) => `${Math.min(100, Math.max(0, value * 100))}%`;
  return (
    <div className="score-bar" aria-hidden="true">
      <div className={`score-fill${score > threshold ? ' above' : ''}`} style={{ width: clamp(score) }} />
      <div className="score-threshold" style={{ left: clamp(threshold) }} />
    </div>
  );
}
