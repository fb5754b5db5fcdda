import { kpiReportCsv } from './kpi-report-csv';

describe(kpiReportCsv.name, () => {
  it('writes one row per KPI and per incentive, quoting what would break a cell', () => {
    const csv = kpiReportCsv({
      final: true,
      computedAt: '2027-03-01T00:00:00.000Z',
      kpis: { goalsSet: 3, goalsMet: 2, goalsMetRatio: 0.6667, feedbackItems: 1, complaints: 0, deviationBreaches: 1, changeRequests: 1 },
      incentives: [{ member: 'paula', roles: ['pm'], tasksCompleted: 12, level: 'reward', reason: 'all tasks on time, goals 2/3, "good" work' }],
    });
    expect(csv.split('\r\n')).toEqual([
      'section,name,value,detail',
      'report,final,true,',
      'report,computedAt,2027-03-01T00:00:00.000Z,',
      'kpi,goalsSet,3,',
      'kpi,goalsMet,2,',
      'kpi,goalsMetRatio,0.6667,',
      'kpi,feedbackItems,1,',
      'kpi,complaints,0,',
      'kpi,deviationBreaches,1,',
      'kpi,changeRequests,1,',
      'incentive,paula,reward,"all tasks on time, goals 2/3, ""good"" work"',
      '',
    ]);
  });
});

describe(`${kpiReportCsv.name} with text typed by people`, () => {
  it('keeps a reason that starts like a formula from running in a spreadsheet', () => {
    const csv = kpiReportCsv({
      final: false,
      computedAt: '2027-03-01T00:00:00.000Z',
      kpis: { goalsSet: 0, goalsMet: 0, feedbackItems: 0, complaints: 0, deviationBreaches: 0, changeRequests: 0 },
      incentives: [{ member: '@paula', roles: ['pm'], tasksCompleted: 1, level: 'standard', reason: '=HYPERLINK("http://evil","x")' }],
    });
    expect(csv.split('\r\n')).toContain(`incentive,'@paula,standard,"'=HYPERLINK(""http://evil"",""x"")"`);
  });
});
