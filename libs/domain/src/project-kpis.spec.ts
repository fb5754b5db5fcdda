import type { ProjectKpis, SmartGoal } from '@accord/contracts';
import { computeProjectKpis, type KpiInputs, recommendIncentives } from './project-kpis';

const goal = (target: number, direction?: SmartGoal['direction']): SmartGoal => ({
  kind: 'quality-standard',
  specific: `Reach ${target} on the measure`,
  metric: 'measure',
  target,
  unit: 'units',
  ...(direction ? { direction } : {}),
  achievability: 'Done it many times before',
  expectations: ['x'],
  deadline: '2027-01-01',
});

const inputs = (overrides: Partial<KpiInputs> = {}): KpiInputs => ({
  goals: [goal(10), goal(0.02, 'at-most'), goal(5)],
  verifications: [
    { goal: 0, actual: 12 },
    { goal: 1, actual: 0.01 },
    { goal: 2, actual: 4 },
  ],
  readings: [
    { metric: 'schedule_deviation', value: -0.15, at: '2026-12-01T00:00:00Z' },
    { metric: 'schedule_deviation', value: -0.04, at: '2026-12-20T00:00:00Z' },
    { metric: 'non_conformity_rate', value: 0.03, at: '2026-12-10T00:00:00Z' },
  ],
  survey: { overall: 4, deliverables: 5, service: 4 },
  feedback: [
    { raisedAt: '2026-12-01T00:00:00Z', closedAt: '2026-12-02T00:00:00Z', complaint: false },
    { raisedAt: '2026-12-05T00:00:00Z', closedAt: '2026-12-08T00:00:00Z', complaint: true },
    { raisedAt: '2026-12-09T00:00:00Z', complaint: false },
  ],
  deviationBreaches: 1,
  changeRequests: 2,
  ...overrides,
});

describe(computeProjectKpis.name, () => {
  it('computes every KPI of the seed from what the project recorded', () => {
    expect(computeProjectKpis(inputs())).toEqual({
      satisfactionScore: 4.3333,
      goalsSet: 3,
      goalsMet: 2,
      goalsMetRatio: 0.6667,
      scheduleDeviation: -0.04,
      nonConformityRate: 0.03,
      feedbackItems: 3,
      feedbackResponseHours: 48,
      complaints: 1,
      deviationBreaches: 1,
      changeRequests: 2,
    });
  });

  it('leaves out what was never measured', () => {
    const kpis = computeProjectKpis(inputs({ goals: [], verifications: [], readings: [], survey: undefined, feedback: [] }));
    expect(kpis).toEqual({ goalsSet: 0, goalsMet: 0, feedbackItems: 0, complaints: 0, deviationBreaches: 1, changeRequests: 2 });
  });
});

describe(recommendIncentives.name, () => {
  const good: ProjectKpis = {
    satisfactionScore: 4.5,
    goalsSet: 4,
    goalsMet: 4,
    goalsMetRatio: 1,
    feedbackItems: 0,
    complaints: 0,
    deviationBreaches: 0,
    changeRequests: 0,
  };
  const onTime = (n: number, late = 0) => [...Array.from({ length: n }, () => ({ onTime: true })), ...Array.from({ length: late }, () => ({ onTime: false }))];

  it('rewards members who were on time on a project that went well', () => {
    const [paula] = recommendIncentives([{ member: 'paula', roles: ['pm'], tasks: onTime(9, 1) }], good);
    expect(paula).toMatchObject({ member: 'paula', tasksCompleted: 10, onTimeRatio: 0.9, level: 'reward' });
  });

  it('recommends coaching for members who were often late', () => {
    const [tom] = recommendIncentives([{ member: 'tom', roles: ['tech_lead'], tasks: onTime(1, 2) }], good);
    expect(tom).toMatchObject({ level: 'coaching', reason: '1 of 3 tasks on time' });
  });

  it('recommends coaching for everyone when the customer was unhappy', () => {
    const recommendations = recommendIncentives([{ member: 'paula', roles: ['pm'], tasks: onTime(5) }], { ...good, satisfactionScore: 2.5 });
    expect(recommendations[0].level).toBe('coaching');
  });

  it('is standard otherwise, also for members with no tasks of their own', () => {
    const recommendations = recommendIncentives([{ member: 'quinn', roles: ['qa'], tasks: [] }], { ...good, goalsMetRatio: 0.5 });
    expect(recommendations[0]).toMatchObject({ level: 'standard', reason: 'no tasks of their own', tasksCompleted: 0 });
  });
});
