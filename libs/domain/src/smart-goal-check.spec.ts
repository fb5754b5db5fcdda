import type { SmartGoal } from '@accord/contracts';
import { goalReached, smartGoalProblems } from './smart-goal-check';

const aGoal = (overrides: Partial<SmartGoal> = {}): SmartGoal => ({
  kind: 'milestone',
  specific: 'ERP live in both plants before the trade fair',
  metric: 'plants live',
  target: 2,
  unit: 'plants',
  achievability: 'Two teams already ran the same roll-out last year',
  expectations: ['Go live before the trade fair'],
  deadline: '2027-03-01',
  ...overrides,
});

describe(smartGoalProblems.name, () => {
  it('accepts a goal that is specific, measurable, achievable, relevant and time-bound', () => {
    expect(smartGoalProblems([aGoal()], { expectations: ['Go live before the trade fair'], today: '2026-11-26' })).toEqual([]);
  });

  it('refuses placeholders and one-word descriptions, with the path of each field', () => {
    const problems = smartGoalProblems([aGoal(), aGoal({ specific: 'TBD', unit: 'n/a', achievability: 'trust us', metric: ' ' })]);
    expect(problems.map((problem) => problem.path)).toEqual(['goals[1].specific', 'goals[1].metric', 'goals[1].unit', 'goals[1].achievability']);
  });

  it('refuses a justification that only repeats the goal', () => {
    const specific = 'Deliver the reporting module to the customer';
    expect(smartGoalProblems([aGoal({ specific, achievability: specific })])).toEqual([
      { path: 'goals[0].achievability', message: 'must justify the goal, not repeat it' },
    ]);
  });

  it('refuses links to expectations nobody recorded', () => {
    expect(
      smartGoalProblems([aGoal({ expectations: ['Go live before the trade fair', 'Free hardware'] })], { expectations: ['Go live before the trade fair'] }),
    ).toEqual([{ path: 'goals[0].expectations[1]', message: '"Free hardware" is not a recorded expectation' }]);
  });

  it('refuses a goal without a linked expectation, a past deadline and a repeated goal', () => {
    const problems = smartGoalProblems([aGoal(), aGoal({ expectations: [], deadline: '2026-01-01' })], { today: '2026-11-26' });
    expect(problems).toEqual([
      { path: 'goals[1].specific', message: 'repeats goal 1' },
      { path: 'goals[1].expectations', message: 'must link at least one customer expectation' },
      { path: 'goals[1].deadline', message: 'is already past (2026-11-26)' },
    ]);
  });
});

describe(goalReached.name, () => {
  it('reads targets as a floor unless the goal says at most', () => {
    expect(goalReached({ target: 2 }, 2)).toBe(true);
    expect(goalReached({ target: 2 }, 1)).toBe(false);
    expect(goalReached({ target: 0.02, direction: 'at-most' }, 0.01)).toBe(true);
    expect(goalReached({ target: 0.02, direction: 'at-most' }, 0.03)).toBe(false);
  });
});
