import { useTranslation } from 'react-i18next';
import type { TeamKpiReport } from '../api/team-queries';
import type { KpiUnits } from '@/lib/i18n/use-kpi-units';

type Kpis = TeamKpiReport['kpis'];
/** A figure of the roll-up; `missing` when there is nothing to measure yet, said in words and shown quieter. */
type Figure = { key: string; label: string; value: string; missing?: boolean };

/** The team's roll-up, each figure with its unit; a mean no project has a reading for yet says so. */
export function TeamKpiList({ kpis, units }: { kpis: Kpis; units: KpiUnits }) {
  const { t } = useTranslation();
  const mean = (key: string, value: number | undefined, say: (value: number) => string): Figure =>
    value === undefined
      ? { key, label: t(`team.kpi.${key}`), value: t('team.notMeasured'), missing: true }
      : { key, label: t(`team.kpi.${key}`), value: say(value) };
  const figures: Figure[] = [
    {
      key: 'projects',
      label: t('team.kpi.projects'),
      value: t('team.projectsValue', { shown: units.number(kpis.projects), assessed: units.number(kpis.assessed) }),
    },
    mean('satisfactionScore', kpis.satisfactionScore, units.score),
    kpis.goalsSet === 0
      ? { key: 'goalsMet', label: t('team.kpi.goalsMet'), value: t('team.noGoals'), missing: true }
      : {
          key: 'goalsMet',
          label: t('team.kpi.goalsMet'),
          value: t('team.goalsValue', {
            met: units.number(kpis.goalsMet),
            set: units.number(kpis.goalsSet),
            ratio: units.percent(kpis.goalsMetRatio ?? kpis.goalsMet / kpis.goalsSet),
          }),
        },
    mean('scheduleDeviation', kpis.scheduleDeviation, units.deviation),
    mean('nonConformityRate', kpis.nonConformityRate, units.percent),
    mean('feedbackResponseHours', kpis.feedbackResponseHours, units.hours),
    {
      key: 'complaints',
      label: t('team.kpi.complaints'),
      value: t('team.complaintsValue', { complaints: units.number(kpis.complaints), feedback: units.number(kpis.feedbackItems) }),
    },
    { key: 'deviationBreaches', label: t('team.kpi.deviationBreaches'), value: units.number(kpis.deviationBreaches) },
    { key: 'changeRequests', label: t('team.kpi.changeRequests'), value: units.number(kpis.changeRequests) },
  ];
  return (
    <dl className="kpi-tiles">
      {figures.map(({ key, label, value, missing }) => (
        <div className="pair" key={key} data-kpi={key}>
          <dt>{label}</dt>
          <dd className={missing ? 'missing' : undefined}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
