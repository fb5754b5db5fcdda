import { ProjectEntity } from '@accord/persistence';
import { TimeSkippingAccord } from '../support/time-skipping-accord';

const COOLING_OFF = `
key: cooling-off
name: Cooling-off period
starters: [pm]
roles: { pm: {} }
stages:
  - id: wait
    steps:
      - { id: cooling-off, type: timer, duration: P30D }
`;

/** A 30-day phase that a parallel branch closes after 5 days. */
const PHASE_CUT_SHORT = `
key: phase-cut-short
name: A phase that ends when delivery closes
starters: [pm]
roles: { pm: {} }
variables: { closed: { type: boolean, default: false } }
stages:
  - id: track
    steps:
      - id: both
        type: parallel
        join: all
        branches:
          - id: phase
            steps:
              - { id: early-phase, type: timer, duration: P30D, until: closed }
          - id: delivery
            steps:
              - { id: deliver, type: timer, duration: P5D }
              - { id: close, type: service, action: set-variables, with: { closed: true } }
`;

const DAY_MS = 24 * 60 * 60 * 1000;

describe('a durable timer on the time-skipping test server', () => {
  let accord: TimeSkippingAccord;

  beforeAll(async () => {
    accord = await TimeSkippingAccord.start();
  });

  afterAll(async () => {
    await accord?.stop();
  });

  it('completes a project whose only step waits 30 days, the clock moving 30 days', async () => {
    const projectId = '7f1c1a52-3a8e-4a57-9a3c-1f1f6d1f0a01';
    const worker = await accord.worker('timer-test');
    const result = await worker.runUntil(async () => (await accord.startProject(COOLING_OFF, { projectId, taskQueue: 'timer-test' })).result());

    expect(result).toEqual({ status: 'completed', stages: [{ stageId: 'wait', outcome: 'completed' }] });
    const audit = await accord.audit(projectId);
    const started = audit.find((event) => event.action === 'timer.started')!;
    const fired = audit.find((event) => event.action === 'timer.fired')!;
    expect(fired.at.getTime() - started.at.getTime()).toBeGreaterThanOrEqual(30 * DAY_MS);
    const project = await accord.database.dataSource.getRepository(ProjectEntity).findOneByOrFail({ id: projectId });
    expect(project.status).toBe('completed');
    expect(project.finishedAt!.getTime() - project.startedAt.getTime()).toBeGreaterThanOrEqual(30 * DAY_MS);
  });

  it('ends a timer early once its until condition holds, and says so in the audit', async () => {
    const projectId = '7f1c1a52-3a8e-4a57-9a3c-1f1f6d1f0a02';
    const worker = await accord.worker('timer-until-test');
    const result = await worker.runUntil(async () => (await accord.startProject(PHASE_CUT_SHORT, { projectId, taskQueue: 'timer-until-test' })).result());

    expect(result).toEqual({ status: 'completed', stages: [{ stageId: 'track', outcome: 'completed' }] });
    const audit = await accord.audit(projectId);
    const phase = audit.filter((event) => event.subject?.endsWith('/early-phase:1'));
    expect(phase.map((event) => [event.action, event.detail.endedEarly ?? null])).toEqual([
      ['timer.started', null],
      ['timer.fired', 'closed'],
    ]);
    expect(Math.round((phase[1].at.getTime() - phase[0].at.getTime()) / DAY_MS)).toBe(5);
  });
});
