import { composeDeviationAnalysis, deviationAnalysisStanding, type DeviationAnalysisSteps } from './deviation-analysis';

const analysis = {
  causes: [
    { category: 'resources', cause: 'Two consultants left in week two' },
    { category: 'process', cause: 'Data migration started late' },
    { category: 'resources', cause: 'Key user on leave' },
  ],
  correctiveActions: [{ action: 'Add a consultant', owner: 'paula', due: '2027-02-01' }],
};
const record = (steps: Partial<DeviationAnalysisSteps> = {}) => composeDeviationAnalysis({ analysis, replanned: false, ...steps });
const check = (effective: boolean, at: string) => ({ data: { effective, evidence: effective ? 'Back on plan' : 'Still 15% behind' }, by: 'quinn', at });

describe(composeDeviationAnalysis.name, () => {
  it('groups the causes by category of the cause matrix and keeps the actions with their owners', () => {
    expect(record()).toEqual({
      causes: {
        people: [],
        technology: [],
        resources: ['Two consultants left in week two', 'Key user on leave'],
        process: ['Data migration started late'],
        environment: [],
      },
      correctiveActions: [{ action: 'Add a consultant', owner: 'paula', due: '2027-02-01' }],
      followUps: [],
      replans: 0,
      lessons: [],
      status: 'actions-under-way',
    });
  });

  it('is re-planning after an ineffective check, and under way again once re-planned', () => {
    const checked = record({ followUp: check(false, '2027-01-10T09:00:00.000Z') });
    expect([checked.status, checked.followUps]).toEqual([
      're-planning',
      [{ effective: false, evidence: 'Still 15% behind', checkedBy: 'quinn', at: '2027-01-10T09:00:00.000Z' }],
    ]);
    const replanned = record({ before: checked, replanned: true });
    expect([replanned.status, replanned.replans, replanned.followUps.length]).toEqual(['actions-under-way', 1, 1]);
  });

  it('keeps every check in order and closes with the lessons learned', () => {
    const first = record({ followUp: check(false, '2027-01-10T09:00:00.000Z') });
    const second = record({ before: record({ before: first, replanned: true }), followUp: check(true, '2027-01-20T09:00:00.000Z') });
    const closed = record({ before: second, lessons: { lessons: ['Book key users before the kick-off'] } });
    expect(closed.followUps.map((followUp) => followUp.effective)).toEqual([false, true]);
    expect([closed.status, closed.replans, closed.lessons]).toEqual(['closed', 1, ['Book key users before the kick-off']]);
  });
});

describe(deviationAnalysisStanding.name, () => {
  it('follows the record while the sub-process runs, and says abandoned when it ended without closing the analysis', () => {
    const running = { ended: false, outcome: null };
    expect([deviationAnalysisStanding(undefined, running), deviationAnalysisStanding('re-planning', running)]).toEqual(['analysing', 're-planning']);
    expect(deviationAnalysisStanding(undefined, { ended: true, outcome: 'rejected' })).toBe('abandoned');
    expect(deviationAnalysisStanding('actions-under-way', { ended: true, outcome: 'cancelled' })).toBe('abandoned');
    // Ended before records were kept (a project on an older definition): closed as far as anyone can tell.
    expect(deviationAnalysisStanding(undefined, { ended: true, outcome: 'completed' })).toBe('closed');
    expect(deviationAnalysisStanding('closed', { ended: true, outcome: 'completed' })).toBe('closed');
  });
});
