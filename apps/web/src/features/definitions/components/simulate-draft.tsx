import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '@/components/error-message';
import { kpiValue } from '@/components/kpi-value';
import { ApiError } from '@/lib/api/api-error';
import { useFormat } from '@/lib/i18n/use-format';
import { useKpiUnits } from '@/lib/i18n/use-kpi-units';
import {
  isActive,
  type SimulationJob,
  type SimulationReport,
  useCancelSimulation,
  useLatestSimulations,
  useShippedActorsScript,
  useSimulation,
  useStartSimulation,
} from '../api/simulation-queries';
import { SimulationTimelineChart } from './simulation-timeline-chart';

const DEFAULT_MONTHS = 6;
const KPI_ORDER = [
  'goalsSet',
  'goalsMet',
  'goalsMetRatio',
  'satisfactionScore',
  'scheduleDeviation',
  'nonConformityRate',
  'complaints',
  'deviationBreaches',
  'changeRequests',
  'feedbackItems',
  'feedbackResponseHours',
];

/**
 * Runs the simulation of the text in the editor on the server (issue 15): months and the
 * actors script to choose, progress by simulated day while it runs, then the timeline as a
 * chart by date, the KPIs and the answers the engine refused. A simulation started before
 * the page was left is picked up again.
 */
export function SimulateDraft({ definitionKey, source, blockedReason }: { definitionKey: string; source: string | null; blockedReason: string | null }) {
  const { t } = useTranslation();
  const ids = { months: useId(), script: useId() };
  const shippedScript = useShippedActorsScript(definitionKey);
  const latest = useLatestSimulations();
  const [jobId, setJobId] = useState<string>();
  const [months, setMonths] = useState(DEFAULT_MONTHS);
  const [script, setScript] = useState<string | null>(null);
  const start = useStartSimulation(definitionKey);
  const cancel = useCancelSimulation();
  const job = useSimulation(jobId);

  // The admin's latest simulation of this key, when they come back to the page.
  useEffect(() => {
    if (jobId !== undefined || !latest.data) return;
    const earlier = latest.data.find((candidate) => candidate.definitionKey === definitionKey);
    if (earlier) setJobId(earlier.id);
  }, [jobId, latest.data, definitionKey]);
  useEffect(() => {
    if (script === null && shippedScript.data !== undefined) setScript(shippedScript.data ?? '');
  }, [script, shippedScript.data]);

  const running = isActive(job.data);
  const onStart = () => {
    if (source === null) return;
    const ownScript = script !== null && script !== (shippedScript.data ?? '') ? script : undefined;
    start.mutate({ source, months, ...(ownScript !== undefined ? { script: ownScript } : {}) }, { onSuccess: (started) => setJobId(started.id) });
  };
  const refusal = start.error instanceof ApiError ? start.error : undefined;
  const earlierId = refusal?.body.code === 'SIMULATION_ALREADY_RUNNING' ? refusal.body.details[0]?.message : undefined;

  return (
    <section className="card simulation" aria-labelledby="simulation-title" data-testid="simulation">
      <h2 id="simulation-title">{t('definitions.simulation.title')}</h2>
      <p className="muted">{t('definitions.simulation.intro')}</p>
      <div className="simulation-form">
        <label htmlFor={ids.months}>{t('definitions.simulation.months')}</label>
        <input id={ids.months} type="number" min={0.5} max={24} step={0.5} value={months} onChange={(event) => setMonths(Number(event.target.value))} />
        <button type="button" onClick={onStart} disabled={source === null || start.isPending || running || blockedReason !== null}>
          {start.isPending ? t('definitions.simulation.starting') : t('definitions.simulation.start')}
        </button>
        {blockedReason && <span className="muted">{blockedReason}</span>}
      </div>
      <details className="simulation-script">
        <summary>{t('definitions.simulation.script')}</summary>
        <p className="muted small">{shippedScript.data === null ? t('definitions.simulation.scriptMissing') : t('definitions.simulation.scriptHint')}</p>
        <label htmlFor={ids.script} className="visually-hidden">
          {t('definitions.simulation.script')}
        </label>
        <textarea id={ids.script} rows={12} spellCheck={false} value={script ?? ''} onChange={(event) => setScript(event.target.value)} />
      </details>

      {start.error && <StartRefusal error={start.error} onShowEarlier={earlierId ? () => (setJobId(earlierId), start.reset()) : undefined} />}
      {job.error && <ErrorMessage error={job.error} onRetry={() => void job.refetch()} />}
      {job.data && <SimulationState job={job.data} onCancel={() => cancel.mutate(job.data.id)} cancelling={cancel.isPending} />}
    </section>
  );
}

/** Why the server would not start it: the draft's or script's problems by path, or no room. */
function StartRefusal({ error, onShowEarlier }: { error: Error; onShowEarlier?: () => void }) {
  const { t } = useTranslation();
  if (!(error instanceof ApiError)) return <ErrorMessage error={error} />;
  const { code, message, details } = error.body;
  if (code === 'SIMULATION_ALREADY_RUNNING') {
    return (
      <div role="alert" className="notice notice-error">
        {t('definitions.simulation.alreadyRunning')}{' '}
        {onShowEarlier && (
          <button type="button" onClick={onShowEarlier}>
            {t('definitions.simulation.showEarlier')}
          </button>
        )}
      </div>
    );
  }
  const said =
    code === 'SIMULATION_UNAVAILABLE'
      ? t('definitions.simulation.unavailable', { message })
      : code === 'SIMULATION_BUSY'
        ? t('definitions.simulation.busy')
        : message;
  return (
    <div role="alert" className="notice notice-error">
      <p>{said}</p>
      {details.length > 0 && <Problems problems={details} />}
    </div>
  );
}

function Problems({ problems }: { problems: { path: string; message: string }[] }) {
  const { t } = useTranslation();
  return (
    <>
      <h3>{t('definitions.simulation.problems')}</h3>
      <ul className="simulation-problems">
        {problems.map((problem, index) => (
          <li key={index}>
            <code>{problem.path}</code> {problem.message}
          </li>
        ))}
      </ul>
    </>
  );
}

function SimulationState({ job, onCancel, cancelling }: { job: SimulationJob; onCancel: () => void; cancelling: boolean }) {
  const { t } = useTranslation();
  switch (job.status) {
    case 'queued':
    case 'running':
      return (
        <div className="simulation-progress" role="status" aria-live="polite">
          <p>
            {job.status === 'queued'
              ? t('definitions.simulation.queued', { ahead: job.ahead ?? 0 })
              : t('definitions.simulation.running', { day: job.day, days: job.days })}
          </p>
          <progress max={job.days} value={job.day} aria-label={t('definitions.simulation.progressLabel')} />{' '}
          <button type="button" onClick={onCancel} disabled={cancelling}>
            {t('definitions.simulation.cancel')}
          </button>
        </div>
      );
    case 'cancelled':
      return <p role="status">{t('definitions.simulation.cancelled')}</p>;
    case 'failed':
      return (
        <div role="alert" className="notice notice-error">
          <p>{t('definitions.simulation.failed', { message: job.failure?.message.split('\n')[0] ?? '' })}</p>
          {job.failure?.problems && <Problems problems={job.failure.problems} />}
        </div>
      );
    case 'succeeded':
      return job.report ? <SimulationResult job={job} report={job.report} /> : null;
  }
}

function SimulationResult({ job, report }: { job: SimulationJob; report: SimulationReport }) {
  const { t } = useTranslation();
  const format = useFormat();
  const units = useKpiUnits();
  const { customer, ...kpis } = report.kpis as SimulationReport['kpis'] & { customer?: { classLabel: string; churnScore: number; churnWarning: boolean } };
  const rank = (key: string) => (KPI_ORDER.includes(key) ? KPI_ORDER.indexOf(key) : KPI_ORDER.length);
  return (
    <div className="simulation-result" data-testid="simulation-result">
      <p className="simulation-outcome">
        <strong>{t(`definitions.simulation.outcome.${report.outcome}`, { days: report.days })}</strong>{' '}
        <span className="muted">
          {t('definitions.simulation.finishedAt', { when: format.dateTime(job.finishedAt), months: format.number(job.months), timezone: report.timezone })}
        </span>
      </p>
      <h3>{t('definitions.simulation.chartTitle')}</h3>
      <SimulationTimelineChart timeline={report.timeline} timezone={report.timezone} />
      <h3>{t('definitions.simulation.kpis')}</h3>
      <dl className="field-list columns" data-testid="simulation-kpis">
        {Object.entries(kpis)
          .sort(([a], [b]) => rank(a) - rank(b))
          .map(([key, value]) => (
            <div className="pair" key={key}>
              <dt>{t(`project.kpi.${key}`, { defaultValue: key })}</dt>
              <dd>{kpiValue(key, value, units)}</dd>
            </div>
          ))}
        {customer !== undefined && (
          <div className="pair">
            <dt>{t('definitions.simulation.customerStanding')}</dt>
            <dd>{t('definitions.simulation.customerClass', { class: customer.classLabel, score: format.number(customer.churnScore) })}</dd>
          </div>
        )}
      </dl>
      <h3>{t('definitions.simulation.refused')}</h3>
      {report.refused.length === 0 ? (
        <p className="muted">{t('definitions.simulation.noRefused')}</p>
      ) : (
        <ul className="simulation-refused">
          {report.refused.map((refusal, index) => (
            <li key={index}>{t('definitions.simulation.refusedLine', { day: refusal.day, step: refusal.stepId, message: refusal.message })}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
