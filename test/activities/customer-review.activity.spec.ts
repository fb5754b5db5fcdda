import { createActivities } from '@accord/activities';
import type { CustomerRequirementsRecord, RequirementSpecification } from '@accord/contracts';
import { AuditEventEntity, CustomerRequirementEntity, MetricReadingEntity } from '@accord/persistence';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const FIRST = 'c0000000-0000-4000-8000-000000000001';
const SECOND = 'c0000000-0000-4000-8000-000000000002';
const WITHOUT_CUSTOMER = 'c0000000-0000-4000-8000-000000000003';
const AT = '2026-12-11T09:00:00.000Z';

const specification = (functional: string[]): RequirementSpecification => ({
  functional,
  performance: [],
  quality: [],
  budget: 180000,
  deadline: '2027-06-30',
  gathered: { interview: { needs: functional } },
  confirmedBy: [{ approver: 'role:customer', by: 'carl', decision: 'approve' }],
});

/** A record-requirements step run of a project, as the stage workflow sends it. */
const stepRun = (projectId: string, functional: string[] = ['Pick lists on handhelds']): CustomerRequirementsRecord => {
  const source = `project/${projectId}/stage/requirement-analysis/1/record-requirements:1`;
  return {
    projectId,
    source,
    specification: specification(functional),
    recordedBy: 'paula',
    at: AT,
    audit: {
      id: `${source}:customer-requirements`,
      projectId,
      at: AT,
      action: 'customer-requirements.recorded',
      actor: 'system',
      subject: 'record-requirements',
      detail: {},
    },
  };
};

describe('recordCustomerRequirements (real PostgreSQL)', () => {
  let database: TestDatabase;
  let sut: ReturnType<typeof createActivities>;

  const startProject = (projectId: string, customer?: { key: string; name: string }) =>
    sut.recordProjectStarted({
      projectId,
      name: `Project ${projectId.slice(-1)}`,
      definitionKey: 'customer-review',
      definitionVersion: 1,
      workflowId: `project/${projectId}`,
      ...(customer ? { customer } : {}),
      startedBy: 'paula',
      members: [{ user: 'paula', role: 'pm' }],
      at: AT,
      audit: { id: `${projectId}:started`, projectId, at: AT, action: 'project.started', actor: 'paula', detail: {} },
    });

  beforeAll(async () => {
    database = await createTestDatabase();
    sut = createActivities({ dataSource: database.dataSource });
    await startProject(FIRST, { key: 'northwind', name: 'Northwind Distribution' });
    await startProject(SECOND, { key: 'northwind', name: 'Northwind Distribution' });
    await startProject(WITHOUT_CUSTOMER);
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('writes a retried step run once, as the version it first got', async () => {
    const first = await sut.recordCustomerRequirements(stepRun(FIRST));
    const retried = await sut.recordCustomerRequirements(stepRun(FIRST));

    expect(retried).toEqual(first);
    expect(first).toMatchObject({
      recorded: true,
      customer: 'northwind',
      version: 1,
      standing: { customerKey: 'northwind', classLabel: 'B/active', churnWarning: false, crossed: false },
    });
    expect(await database.dataSource.getRepository(CustomerRequirementEntity).countBy({ projectId: FIRST })).toBe(1);
    expect(await database.dataSource.getRepository(AuditEventEntity).countBy({ projectId: FIRST, action: 'customer-requirements.recorded' })).toBe(1);
  });

  it('numbers versions per customer across their projects, even when two record at once', async () => {
    const third = { ...stepRun(SECOND, ['Returns desk']), source: `project/${SECOND}/stage/requirement-analysis/1/record-requirements:2` };
    const results = await Promise.all([
      sut.recordCustomerRequirements(stepRun(SECOND, ['Returns desk'])),
      sut.recordCustomerRequirements({ ...third, audit: { ...third.audit, id: `${third.source}:audit` } }),
    ]);

    expect(results.map((result) => (result.recorded ? result.version : 0)).sort()).toEqual([2, 3]);
    const rows = await database.dataSource.getRepository(CustomerRequirementEntity).find({ where: { customerKey: 'northwind' }, order: { version: 'ASC' } });
    expect(rows.map((row) => [row.projectId, row.version])).toEqual([
      [FIRST, 1],
      [SECOND, 2],
      [SECOND, 3],
    ]);
    expect(rows[0]).toMatchObject({ recordedBy: 'paula', specification: specification(['Pick lists on handhelds']) });
  });

  it('records nothing for a project without a customer, and says so', async () => {
    expect(await sut.recordCustomerRequirements(stepRun(WITHOUT_CUSTOMER))).toEqual({ recorded: false, reason: 'no-customer' });
    expect(await database.dataSource.getRepository(CustomerRequirementEntity).countBy({ projectId: WITHOUT_CUSTOMER })).toBe(0);
    const [audit] = await database.dataSource.getRepository(AuditEventEntity).findBy({ projectId: WITHOUT_CUSTOMER, action: 'customer-requirements.recorded' });
    expect(audit.detail).toMatchObject({ recorded: false, reason: 'no-customer' });
  });
});

describe('recordCustomerReview (real PostgreSQL)', () => {
  let database: TestDatabase;
  let sut: ReturnType<typeof createActivities>;

  beforeAll(async () => {
    database = await createTestDatabase();
    sut = createActivities({ dataSource: database.dataSource });
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('audits the completed review once, with what it found, even when retried', async () => {
    const projectId = FIRST;
    await sut.recordProjectStarted({
      projectId,
      name: 'Northwind handheld picking',
      definitionKey: 'customer-review',
      definitionVersion: 1,
      workflowId: `project/${projectId}`,
      customer: { key: 'northwind', name: 'Northwind Distribution' },
      startedBy: 'paula',
      members: [],
      at: AT,
      audit: { id: `${projectId}:started`, projectId, at: AT, action: 'project.started', actor: 'paula', detail: {} },
    });
    const source = `project/${projectId}/stage/feedback-review/1/customer-record:1`;
    const review = {
      survey: { overall: 4 },
      improvementActions: [{ action: 'Train the night shift', owner: 'quinn', due: '2027-04-30' }],
      improvementsClosed: true,
      churnSignals: ['falling-satisfaction'],
    };
    const run = {
      projectId,
      source,
      review,
      at: AT,
      audit: {
        id: `${source}:customer-review`,
        projectId,
        at: AT,
        action: 'customer-review.recorded' as const,
        actor: 'system',
        subject: 'customer-record',
        detail: {},
      },
    };

    expect(await sut.recordCustomerReview(run)).toMatchObject({
      recorded: true,
      customer: 'northwind',
      standing: { customerKey: 'northwind', crossed: false },
    });
    await sut.recordCustomerReview(run);
    const audits = await database.dataSource.getRepository(AuditEventEntity).findBy({ projectId, action: 'customer-review.recorded' });
    expect(audits.map((audit) => audit.detail)).toEqual([{ ...review, recorded: true, customer: 'northwind' }]);
  });

  it('keeps the survey’s overall answer as one satisfaction reading of the project, which the customer record reads', async () => {
    const readings = await database.dataSource.getRepository(MetricReadingEntity).findBy({ projectId: FIRST, metric: 'satisfaction' });
    expect(readings.map((reading) => [reading.value, reading.at.toISOString(), reading.detail])).toEqual([[4, AT, { overall: 4 }]]);
  });
});
