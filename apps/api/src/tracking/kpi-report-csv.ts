import type { IncentiveRecommendation, ProjectKpis } from '@accord/contracts';
import { csvTable as csv } from '../csv/csv-table';

/** The KPI report as CSV for spreadsheets: one row per KPI, then one per incentive recommendation. */
export function kpiReportCsv(report: { final: boolean; computedAt: string; kpis: ProjectKpis; incentives: IncentiveRecommendation[] }): string {
  const rows: unknown[][] = [['section', 'name', 'value', 'detail']];
  rows.push(['report', 'final', report.final, ''], ['report', 'computedAt', report.computedAt, '']);
  for (const [name, value] of Object.entries(report.kpis)) rows.push(['kpi', name, value, '']);
  for (const incentive of report.incentives) rows.push(['incentive', incentive.member, incentive.level, incentive.reason]);
  return csv(rows);
}
