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
});
