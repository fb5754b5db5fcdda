import { csvTable as csv } from '../csv/csv-table';
import type { TeamKpiReportResponse } from './dto/team-kpi-report.response';

/** A team's KPI report as CSV: the team's KPIs, then one row per project and KPI, then each member's tally. */
export function teamKpiReportCsv(report: TeamKpiReportResponse): string {
  const rows: unknown[][] = [['section', 'name', 'value', 'detail']];
  rows.push(
    ['report', 'team', report.team, ''],
    ['report', 'computedAt', report.computedAt, ''],
    ['report', 'projectsNotVisible', report.projectsNotVisible, ''],
  );
  for (const [name, value] of Object.entries(report.kpis)) rows.push(['kpi', name, value, '']);
  for (const project of report.projects) {
    for (const [name, value] of Object.entries(project.kpis))
      rows.push([`project ${project.id}`, name, value, `${project.name} (${project.final ? 'final' : 'so far'})`]);
  }
  for (const member of report.members) {
    rows.push([
      'member',
      member.member,
      member.projects,
      `reward ${member.levels.reward}, standard ${member.levels.standard}, coaching ${member.levels.coaching}`,
    ]);
  }
  return csv(rows);
}
