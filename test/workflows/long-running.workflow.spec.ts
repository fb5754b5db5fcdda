import { completeTaskUpdate, raiseEventUpdate } from '@accord/contracts';
import { ProjectEventEntity } from '@accord/persistence';
import { TimeSkippingAccord } from '../support/time-skipping-accord';

/**
 * Two years of tracking: a weekly meeting, a weekly progress report and metrics read every
 * day, until a timer closes tracking after 730 days.
 */
const TWO_YEARS = `
key: two-years
name: Two years of tracking
starters: [pm]
roles: { pm: {}, customer: { external: true } }
variables: { closed: { type: boolean, default: false } }
forms:
  progress:
    type: object
    required: [rows]
    properties:
      rows: { type: array, items: { type: object, required: [phase, task, owner, due, plannedPercent, actualPercent], properties: { phase: { type: string }, task: { type: string }, owner: { type: string }, due: { type: string }, plannedPercent: { type: number }, actualPercent: { type: number } } } }
stages:
  - id: track
    steps:
      - id: follow
        type: parallel
        join: all
        branches:
          - id: meetings
            steps:
              - { id: weekly-sync, type: cadence, every: P1W, until: closed, step: { type: meeting, title: Weekly progress meeting, organizer: { role: pm }, attendees: [ { role: pm }, { role: customer } ] } }
          - id: reports
            steps:
              - { id: progress-update, type: cadence, every: P1W, until: closed, step: { type: task, name: Update the progress table, assignee: { role: pm }, form: progress } }
          - id: metrics
            steps:
              - { id: daily-metrics, type: cadence, every: P1D, until: closed, step: { type: service, action: compute-metrics, with: { progress: progress-update } } }
          - id: duration
            steps:
              - { id: two-years, type: timer, duration: P730D }
              - { id: close, type: service, action: set-variables, with: { closed: true } }
    on:
      - { signal: change-request, start: adjust }
  - id: adjust
    trigger: on-demand
    steps:
      - { id: proposal, name: Write the change proposal, type: task, assignee: { role: pm } }
`;

const PROJECT = '2e000000-0000-4000-8000-000000000730';
const DAY = 24 * 3_600_000;
const WEEK = 7 * DAY;
const HISTORY_LIMIT = 10_000;

describe('a project tracked for two years (continue-as-new)', () => {
  let accord: TimeSkippingAccord;
  let result: unknown;
  const runIds = new Map<string, Set<string>>();
  const cadences = ['weekly-sync', 'progress-update', 'daily-metrics'].map((id) => `project/${PROJECT}/stage/track/1/cadence/${id}`);
  const workflows = [`project/${PROJECT}`, `project/${PROJECT}/stage/track/1`, ...cadences];

  beforeAll(async () => {
    accord = await TimeSkippingAccord.start();
    const worker = await accord.worker('two-years');
    await worker.runUntil(async () => {
      const members = [
        { user: 'paula', role: 'pm' },
        { user: 'carl', role: 'customer' },
      ];
      const handle = await accord.startProject(TWO_YEARS, { projectId: PROJECT, taskQueue: 'two-years', members });
      // The PM acts a day into each week: an occurrence still open when the next is due would be missed.
      await accord.sleep(DAY);
      // Week by week, the PM holds the meeting and reports progress, slipping a little each month;
      // a change raised in week 10 is answered in week 60.
      for (let week = 0; (await handle.describe()).status.name === 'RUNNING'; week++) {
        await new Promise((resolve) => setTimeout(resolve, 150));
        if (week === 10)
          await handle.executeUpdate(raiseEventUpdate, {
            args: [{ signal: 'change-request', raisedBy: 'carl', data: { trigger: 'scope' }, requestId: 'change-week-10' }],
          });
        const open = await accord.tasks.find({ where: { projectId: PROJECT, status: 'open' } });
        for (const task of open) {
          if (task.stepId === 'proposal' && week < 60) continue;
          const planned = Math.min(100, 10 + week);
          const data =
            task.kind === 'meeting'
              ? { minutes: `Week ${week}` }
              : {
                  rows: [
                    {
                      phase: 'implementation',
                      task: 'Roll-out',
                      owner: 'paula',
                      due: '2028-12-31',
                      plannedPercent: planned,
                      actualPercent: planned - (week % 5),
                    },
                  ],
                };
          await accord.env.client.workflow.getHandle(task.workflowId).executeUpdate(completeTaskUpdate, {
            args: [{ taskId: task.id, actor: { userId: 'paula', roles: ['pm'] }, outcome: task.outcomes[0], data, requestId: `answer-${task.id}` }],
          });
        }
        for (const workflowId of workflows) {
          const description = await accord.env.client.workflow
            .getHandle(workflowId)
            .describe()
            .catch(() => undefined);
          if (description) runIds.set(workflowId, (runIds.get(workflowId) ?? new Set()).add(description.runId));
        }
        if (week > 120) throw new Error('Tracking did not close after two years');
        await accord.sleep(WEEK);
      }
      result = await handle.result();
    });
  }, 300_000);

  afterAll(async () => {
    await accord?.stop();
  });

  it('keeps every run of the project, the stage and each cadence under 10,000 events', async () => {
    for (const workflowId of workflows) {
      const { historyLength } = await accord.env.client.workflow.getHandle(workflowId).describe();
      expect({ workflowId, under: historyLength < HISTORY_LIMIT }).toEqual({ workflowId, under: true });
    }
  });

  it('completes once tracking closed and the change raised a year before was answered', async () => {
    expect(result).toEqual({ status: 'completed', stages: [{ stageId: 'track', outcome: 'completed' }] });
    const [change] = await accord.database.dataSource.getRepository(ProjectEventEntity).find({ where: { projectId: PROJECT } });
    expect(change).toMatchObject({ name: 'change-request', startedStage: 'adjust', outcome: 'completed' });
    expect(Math.round((change.closedAt!.getTime() - change.raisedAt.getTime()) / WEEK)).toBe(50);
  });

  it('continues the cadences as new, and their occurrences go on counting across runs', async () => {
    expect(runIds.get(cadences[2])?.size ?? 0).toBeGreaterThan(1);
    const meetings = await accord.tasks.find({ where: { projectId: PROJECT, stepId: 'weekly-sync-occurrence' } });
    expect(meetings.length).toBeGreaterThanOrEqual(104);
    const iterations = meetings.map((meeting) => Number(meeting.id.split(':').at(-1))).sort((a, b) => a - b);
    expect(iterations).toEqual(iterations.map((_, index) => index + 1));
  });

  it('reads the metrics every day for two years', async () => {
    const cadenceEnded = (await accord.audit(PROJECT)).filter((event) => event.action === 'cadence.ended' && event.subject === 'daily-metrics');
    expect(cadenceEnded).toHaveLength(1);
    expect(cadenceEnded[0].detail.occurrences).toBeGreaterThanOrEqual(730);
  });
});
