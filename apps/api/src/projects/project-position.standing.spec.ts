import { compileDefinition } from '@accord/definitions';
import type { CompiledDefinition } from '@accord/contracts';
import { type PositionTask, projectStanding } from './project-position.standing';

const SOURCE = `key: standing
name: Standing
starters: [pm]
roles: { pm: {} }
variables: { done: { type: boolean, default: false } }
stages:
  - id: plan
    steps:
      - { id: draft, type: task, assignee: { role: pm } }
      - { id: cool-off, type: timer, duration: P1D }
      - { id: check, type: task, assignee: { role: pm } }
  - id: deliver
    steps:
      - id: both
        type: parallel
        join: all
        branches:
          - { id: a, steps: [ { id: report, type: cadence, every: P1W, until: done, step: { type: task, name: Report, assignee: { role: pm } } } ] }
          - { id: b, steps: [ { id: ship, type: task, assignee: { role: pm } } ] }
`;

function definition(): CompiledDefinition {
  const compiled = compileDefinition(SOURCE);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
  return compiled.compiled;
}
const task = (stageId: string, stepId: string, status: string): PositionTask => ({
  id: `${stageId}:${stepId}:${status}`,
  stageId,
  stepId,
  title: stepId,
  status,
  assignee: null,
  role: 'pm',
});
const timer = (action: 'timer.started' | 'timer.fired') => ({ action, subject: 'project/p/stage/plan/1/cool-off:1' });
const states = (result: ReturnType<typeof projectStanding>) => Object.fromEntries(result.steps.map((step) => [step.path, step.state]));

describe(projectStanding.name, () => {
  it('marks a step waiting while its timer has not fired, and the step before it done', () => {
    const result = projectStanding(definition(), {
      tasks: [task('plan', 'draft', 'completed')],
      audit: [{ action: 'stage.started', subject: 'plan' }, timer('timer.started')],
      incidents: [],
    });
    expect(states(result)).toEqual(
      expect.objectContaining({ 'plan/draft': 'done', 'plan/cool-off': 'waiting', 'plan/check': 'not-reached', 'deliver/both': 'not-reached' }),
    );
    expect(result.stages).toEqual([
      { stage: 'plan', state: 'running' },
      { stage: 'deliver', state: 'not-reached' },
    ]);
  });

  it('counts a step done once a later step of its sequence is reached, and open with its tasks', () => {
    const result = projectStanding(definition(), {
      tasks: [task('plan', 'check', 'open')],
      audit: [{ action: 'stage.started', subject: 'plan' }],
      incidents: [],
    });
    expect(states(result)).toEqual(expect.objectContaining({ 'plan/draft': 'done', 'plan/cool-off': 'done', 'plan/check': 'open' }));
    expect(result.steps.find((step) => step.path === 'plan/check')?.tasks).toEqual([{ id: 'plan:check:open', title: 'check', assignee: null, role: 'pm' }]);
  });

  it("counts a cadence's occurrences on the cadence, and marks a step with an open incident failed", () => {
    const result = projectStanding(definition(), {
      tasks: [task('deliver', 'report-occurrence', 'open')],
      audit: [
        { action: 'stage.started', subject: 'plan' },
        { action: 'stage.completed', subject: 'plan' },
        { action: 'stage.started', subject: 'deliver' },
        { action: 'cadence.started', subject: 'report' },
      ],
      incidents: [{ id: 'incident-1', stageId: 'deliver', stepId: 'ship', message: 'boom' }],
    });
    expect(states(result)).toEqual({
      'plan/draft': 'done',
      'plan/cool-off': 'done',
      'plan/check': 'done',
      'deliver/report': 'open',
      'deliver/ship': 'failed',
      'deliver/both': 'failed',
    });
    expect(result.steps.find((step) => step.path === 'deliver/ship')?.incident).toEqual({ id: 'incident-1', message: 'boom' });
  });

  it('marks a cadence between occurrences waiting', () => {
    const result = projectStanding(definition(), {
      tasks: [task('deliver', 'report-occurrence', 'completed')],
      audit: [
        { action: 'stage.started', subject: 'deliver' },
        { action: 'cadence.started', subject: 'report' },
      ],
      incidents: [],
    });
    expect(states(result)['deliver/report']).toBe('waiting');
  });
});
