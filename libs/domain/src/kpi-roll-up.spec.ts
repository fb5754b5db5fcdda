import type { IncentiveLevel, ProjectKpis } from '@accord/contracts';
import { rollUpKpis, tallyTeamIncentives, type ReportedProjectKpis } from './kpi-roll-up';

const kpis = (overrides: Partial<ProjectKpis> = {}): ProjectKpis => ({
  goalsSet: 4,
  goalsMet: 3,
  feedbackItems: 2,
  complaints: 1,
  deviationBreaches: 1,
  changeRequests: 0,
  ...overrides,
});

const project = (projectId: string, overrides: Partial<ProjectKpis> = {}, incentives: [string, IncentiveLevel][] = [], final = true): ReportedProjectKpis => ({
  projectId,
  final,
  kpis: kpis(overrides),
  incentives: incentives.map(([member, level]) => ({ member, roles: ['pm'], tasksCompleted: 3, level, reason: '' })),
});

describe(rollUpKpis.name, () => {
  it('adds counts up and counts goals met over every goal the team set', () => {
    const team = rollUpKpis([
      project('a', { goalsSet: 4, goalsMet: 3 }),
      project('b', { goalsSet: 6, goalsMet: 6, complaints: 0, changeRequests: 2 }, [], false),
    ]);
    expect(team).toMatchObject({
      projects: 2,
      assessed: 1,
      goalsSet: 10,
      goalsMet: 9,
      goalsMetRatio: 0.9,
      feedbackItems: 4,
      complaints: 1,
      deviationBreaches: 2,
      changeRequests: 2,
    });
  });

  it('takes rates and scores as the mean over the projects that have them', () => {
    const team = rollUpKpis([
      project('a', { satisfactionScore: 4.5, scheduleDeviation: -0.12, nonConformityRate: 0.02, feedbackResponseHours: 10 }),
      project('b', { satisfactionScore: 3.5, scheduleDeviation: 0.04 }),
      project('c'),
    ]);
    expect(team).toMatchObject({ satisfactionScore: 4, scheduleDeviation: -0.04, nonConformityRate: 0.02, feedbackResponseHours: 10 });
  });

  it('reports no rate at all for a team without projects, rather than zeros', () => {
    expect(rollUpKpis([])).toEqual({
      projects: 0,
      assessed: 0,
      goalsSet: 0,
      goalsMet: 0,
      feedbackItems: 0,
      complaints: 0,
      deviationBreaches: 0,
      changeRequests: 0,
    });
  });
});

describe(tallyTeamIncentives.name, () => {
  it('counts each member’s recommendations across projects, most rewarded first', () => {
    const tally = tallyTeamIncentives([
      project('a', {}, [
        ['paula', 'standard'],
        ['tom', 'reward'],
        ['sam', 'coaching'],
      ]),
      project('b', {}, [
        ['paula', 'reward'],
        ['tom', 'reward'],
      ]),
    ]);
    expect(tally).toEqual([
      { member: 'tom', projects: 2, levels: { reward: 2, standard: 0, coaching: 0 } },
      { member: 'paula', projects: 2, levels: { reward: 1, standard: 1, coaching: 0 } },
      { member: 'sam', projects: 1, levels: { reward: 0, standard: 0, coaching: 1 } },
    ]);
  });
});
