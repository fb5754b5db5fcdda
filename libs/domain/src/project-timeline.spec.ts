import { projectTimeline, type TimelineSource } from './project-timeline';

const task = (kind: 'task' | 'approval' | 'meeting', title: string, form: string | null = null, stageId = 'track') => ({ kind, title, form, stageId });
const at = (day: number) => `2027-01-${String(day).padStart(2, '0')}T02:00:00.000Z`;

describe(projectTimeline.name, () => {
  it('shows stages, meetings held with their action items, and milestone confirmations by their form', () => {
    const sources: TimelineSource[] = [
      { action: 'stage.started', at: at(1), actor: 'system', subject: 'track', detail: {} },
      { action: 'task.opened', at: at(1), actor: 'system', subject: 't1', detail: {}, task: task('meeting', 'Weekly progress meeting', 'meeting-minutes') },
      {
        action: 'task.completed',
        at: at(2),
        actor: 'paula',
        subject: 't1',
        detail: { outcome: 'held', data: { actionItems: [{}, {}] } },
        task: task('meeting', 'Weekly progress meeting', 'meeting-minutes'),
      },
      {
        action: 'task.completed',
        at: at(3),
        actor: 'paula',
        subject: 't2',
        detail: { outcome: 'held', data: {} },
        task: task('meeting', 'Pre-milestone confirmation', 'milestone-confirmation'),
      },
      { action: 'stage.completed', at: at(4), actor: 'system', subject: 'track', detail: { outcome: 'completed' } },
    ];
    expect(projectTimeline(sources)).toEqual([
      { at: at(1), kind: 'stage-started', stage: 'track', detail: 'stage track started', subject: 'track' },
      { at: at(1), kind: 'task-opened', stage: 'track', detail: '"Weekly progress meeting" opened', subject: 't1' },
      { at: at(2), kind: 'meeting', stage: 'track', detail: '"Weekly progress meeting" held, minutes by paula, 2 action items', subject: 't1' },
      {
        at: at(3),
        kind: 'milestone-confirmation',
        stage: 'track',
        detail: '"Pre-milestone confirmation" held with the customer, minutes by paula',
        subject: 't2',
      },
      { at: at(4), kind: 'stage-completed', stage: 'track', detail: 'stage track completed', subject: 'track' },
    ]);
  });

  it('shows reminders and escalations of an ignored task with whom they went to', () => {
    const ignored = task('task', 'Record expectations', 'expectation-intake', 'identify');
    const kinds = projectTimeline([
      { action: 'task.reminded', at: at(3), actor: 'system', subject: 't', detail: { recipient: { role: 'sales' } }, task: ignored },
      { action: 'task.reassigned', at: at(5), actor: 'system', subject: 't', detail: { from: { role: 'sales' }, to: { role: 'pmo' } }, task: ignored },
      { action: 'task.escalated', at: at(6), actor: 'system', subject: 't', detail: { recipient: { role: 'dept_head' } }, task: ignored },
    ]).map(({ kind, stage, detail }) => ({ kind, stage, detail }));
    expect(kinds).toEqual([
      { kind: 'reminder', stage: 'identify', detail: 'reminder: "Record expectations" is overdue' },
      { kind: 'escalation', stage: 'identify', detail: '"Record expectations" reassigned to role pmo' },
      { kind: 'escalation', stage: 'identify', detail: '"Record expectations" not done in time: escalated to role dept_head' },
    ]);
  });

  it('shows a breach with its threshold, the corrective actions, and a change request that ends in a signed baseline', () => {
    const lines = projectTimeline([
      {
        action: 'metric.breached',
        at: at(8),
        actor: 'system',
        subject: 'schedule_deviation',
        detail: { data: { value: -0.2, threshold: { above: 0.1 } }, during: 'track', starts: 'deviation-analysis' },
      },
      {
        action: 'task.completed',
        at: at(9),
        actor: 'paula',
        subject: 'c',
        detail: { data: { correctiveActions: [{ action: 'Add a tester', owner: 'tom' }] } },
        task: task('task', 'Analyse causes', 'deviation-analysis', 'deviation-analysis'),
      },
      {
        action: 'event.raised',
        at: at(10),
        actor: 'carl',
        subject: 'change-request',
        detail: { data: { trigger: 'scope' }, during: 'track', starts: 'adjust' },
      },
      {
        action: 'baseline.published',
        at: at(12),
        actor: 'system',
        subject: 'new-baseline',
        detail: {
          stage: 'adjust',
          version: 2,
          goals: 3,
          signatures: [
            { approver: 'role:dept_head', by: 'dora' },
            { approver: 'role:customer', by: 'carl' },
          ],
        },
      },
    ]);
    expect(lines.map(({ kind, stage, detail }) => ({ kind, stage, detail }))).toEqual([
      { kind: 'deviation-breach', stage: 'track', detail: 'schedule_deviation at -20.0% (threshold ±10.0%): deviation-analysis started' },
      { kind: 'corrective-action', stage: 'deviation-analysis', detail: 'corrective actions planned by paula: Add a tester (tom)' },
      { kind: 'change-request', stage: 'track', detail: 'change-request by carl: scope' },
      { kind: 'baseline-published', stage: 'adjust', detail: 'baseline v2 with 3 goals, signed by dora (dept_head) and carl (customer)' },
    ]);
  });

  it('leaves out engine bookkeeping such as timers and gates', () => {
    expect(
      projectTimeline([
        { action: 'timer.started', at: at(1), actor: 'system', subject: 'x', detail: {} },
        { action: 'gate.routed', at: at(1), actor: 'system', subject: 'g', detail: { goto: 'end' } },
      ]),
    ).toEqual([]);
  });
});
