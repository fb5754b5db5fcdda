import { teamKpiReportCsv } from './team-kpi-report-csv';

describe(teamKpiReportCsv.name, () => {
  it('writes the team’s KPIs, then each project’s, then each member’s tally', () => {
    const csv = teamKpiReportCsv({
      team: 'erp-east',
      computedAt: '2027-03-01T00:00:00.000Z',
      projectsNotVisible: 1,
      nextCursor: null,
      kpis: { projects: 1, assessed: 1, goalsSet: 3, goalsMet: 2, feedbackItems: 0, complaints: 0, deviationBreaches: 0, changeRequests: 0 },
      projects: [
        {
          id: 'p1',
          name: 'ACME, phase 2',
          status: 'completed',
          final: true,
          kpis: { goalsSet: 3, goalsMet: 2, feedbackItems: 0, complaints: 0, deviationBreaches: 0, changeRequests: 0 },
        },
      ],
      members: [{ member: 'paula', projects: 1, levels: { reward: 1, standard: 0, coaching: 0 } }],
    });
    const lines = csv.split('\r\n');
    expect(lines.slice(0, 6)).toEqual([
      'section,name,value,detail',
      'report,team,erp-east,',
      'report,computedAt,2027-03-01T00:00:00.000Z,',
      'report,projectsNotVisible,1,',
      'kpi,projects,1,',
      'kpi,assessed,1,',
    ]);
    expect(lines).toContain('project p1,goalsMet,2,"ACME, phase 2 (final)"');
    expect(lines.at(-2)).toBe('member,paula,1,"reward 1, standard 0, coaching 0"');
  });
});
