import { useTranslation } from 'react-i18next';
import type { TeamKpiReport } from '../api/team-queries';
import type { KpiUnits } from '@/lib/i18n/use-kpi-units';

/** Each person's incentive recommendations across the team's assessed projects, most rewarded first (as the API orders them). */
export function TeamIncentivesTable({ members, units }: { members: TeamKpiReport['members']; units: KpiUnits }) {
  const { t } = useTranslation();
  if (members.length === 0) return <p className="muted">{t('team.noIncentives')}</p>;
  return (
    <table className="tasks" data-testid="team-incentives">
      <thead>
        <tr>
          <th scope="col">{t('team.person')}</th>
          <th scope="col">{t('team.assessedProjects')}</th>
          <th scope="col">{t('team.level.reward')}</th>
          <th scope="col">{t('team.level.standard')}</th>
          <th scope="col">{t('team.level.coaching')}</th>
        </tr>
      </thead>
      <tbody>
        {members.map((member) => (
          <tr key={member.member}>
            <th scope="row">{member.member}</th>
            <td>{units.number(member.projects)}</td>
            <td>{units.number(member.levels.reward)}</td>
            <td>{units.number(member.levels.standard)}</td>
            <td>{units.number(member.levels.coaching)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
