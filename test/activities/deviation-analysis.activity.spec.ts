import { createActivities, type DeviationAnalysisRecord } from '@accord/activities';
import { AuditEventEntity, DeviationAnalysisEntity } from '@accord/persistence';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const PROJECT = 'de000000-0000-4000-8000-000000000001';
const WORKFLOW = `project/${PROJECT}/stage/deviation-analysis/1`;
const analysis = {
  causes: [{ category: 'resources', cause: 'Key user on leave' }],
  correctiveActions: [{ action: 'Add a consultant', owner: 'paula', due: '2027-01-15' }],
};

/** A record-deviation-analysis step run, as the stage workflow sends it. */
const stepRun = (step: string, steps: Partial<DeviationAnalysisRecord['steps']> = {}, at = '2027-01-10T09:00:00.000Z'): DeviationAnalysisRecord => ({
  projectId: PROJECT,
  workflowId: WORKFLOW,
  source: `${WORKFLOW}/${step}`,
  steps: { analysis, replanned: false, ...steps },
  at,
  audit: { id: `${WORKFLOW}/${step}:audit`, projectId: PROJECT, at, action: 'deviation-analysis.recorded', actor: 'system', subject: step, detail: {} },
});

describe('recordDeviationAnalysis (real PostgreSQL)', () => {
  let database: TestDatabase;
  let sut: ReturnType<typeof createActivities>;

  beforeAll(async () => {
    database = await createTestDatabase();
    sut = createActivities({ dataSource: database.dataSource });
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('adds each step run once: a retried check is not counted twice', async () => {
    await sut.recordDeviationAnalysis(stepRun('record-plan:1'));
    const check = stepRun('record-check:1', {
      followUp: { data: { effective: false, evidence: 'Still 17% behind' }, by: 'quinn', at: '2027-01-17T09:00:00.000Z' },
    });
    const first = await sut.recordDeviationAnalysis(check);
    const retried = await sut.recordDeviationAnalysis(check);

    expect(retried).toEqual(first);
    const row = await database.dataSource.getRepository(DeviationAnalysisEntity).findOneByOrFail({ workflowId: WORKFLOW });
    expect([row.status, row.followUps.length, row.sources]).toEqual(['re-planning', 1, [`${WORKFLOW}/record-plan:1`, `${WORKFLOW}/record-check:1`]]);
    const audit = await database.dataSource.getRepository(AuditEventEntity).countBy({ projectId: PROJECT, action: 'deviation-analysis.recorded' });
    expect(audit).toBe(2);
  });

  it('closes the record with the lessons and the time it closed', async () => {
    const workflowId = `${WORKFLOW}-closed`;
    const run = (step: string, steps: Partial<DeviationAnalysisRecord['steps']>, at: string) => ({
      ...stepRun(step, steps, at),
      workflowId,
      source: `${workflowId}/${step}`,
      audit: { ...stepRun(step, steps, at).audit, id: `${workflowId}/${step}:audit` },
    });
    await sut.recordDeviationAnalysis(run('record-plan:1', {}, '2027-01-10T09:00:00.000Z'));
    await sut.recordDeviationAnalysis(run('record-lessons:1', { lessons: { lessons: ['Plan around key-user leave'] } }, '2027-01-24T09:00:00.000Z'));
    const row = await database.dataSource.getRepository(DeviationAnalysisEntity).findOneByOrFail({ workflowId });
    expect([row.status, row.lessons, row.closedAt?.toISOString(), row.followUps.length]).toEqual([
      'closed',
      ['Plan around key-user leave'],
      '2027-01-24T09:00:00.000Z',
      0,
    ]);
  });
});
