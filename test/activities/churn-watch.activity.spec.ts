import { randomUUID } from 'node:crypto';
import { createActivities } from '@accord/activities';
import type { CustomerStanding } from '@accord/contracts';
import { DEFAULT_CUSTOMER_ANALYTICS_SETTINGS } from '@accord/domain';
import { CustomerAnalyticsSettingsEntity, WebhookSubscriptionEntity } from '@accord/persistence';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const FIRST = 'd0000000-0000-4000-8000-000000000001';
const SECOND = 'd0000000-0000-4000-8000-000000000002';
const AT = '2027-02-01T09:00:00.000Z';

/**
 * The churn watch (issue 13, R-REV-7): every complaint a project records re-assesses its
 * customer across all their projects; only the recording that turns the warning on says so.
 */
describe('the churn watch, on what projects record (real PostgreSQL)', () => {
  let database: TestDatabase;
  let sut: ReturnType<typeof createActivities>;
  let complaints = 0;

  const startProject = (projectId: string) =>
    sut.recordProjectStarted({
      projectId,
      name: `Project ${projectId.slice(-1)}`,
      definitionKey: 'customer-review',
      definitionVersion: 1,
      workflowId: `project/${projectId}`,
      customer: { key: 'northwind', name: 'Northwind Distribution' },
      startedBy: 'paula',
      members: [{ user: 'paula', role: 'pm' }],
      at: AT,
      audit: { id: `${projectId}:started`, projectId, at: AT, action: 'project.started', actor: 'paula', detail: {} },
    });

  /** A complaint the project records as it starts its handling; `id` as a retry would send it again. */
  const complain = async (projectId: string, id = `${projectId}:complaint-${++complaints}`): Promise<CustomerStanding | undefined> => {
    const recorded = await sut.recordProjectEvent({
      id,
      projectId,
      kind: 'signal',
      name: 'complaint',
      data: { description: 'Handhelds drop the connection' },
      raisedBy: 'carl',
      at: AT,
      duringStage: 'progress-review',
      startedStage: 'complaint-handling',
      startedWorkflowId: `project/${projectId}/stage/complaint-handling/${complaints}`,
      audit: { id: `${id}:raised`, projectId, at: AT, action: 'event.raised', actor: 'carl', subject: 'complaint', detail: {} },
    });
    return recorded.standing;
  };
  const resolveAll = () => database.dataSource.query(`UPDATE project_events SET closed_at = $1, outcome = 'completed' WHERE closed_at IS NULL`, [AT]);
  const churnWebhooks = async () =>
    (await database.dataSource.query(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE event_type = 'customer.churn-warning'`))[0].n as number;

  beforeAll(async () => {
    database = await createTestDatabase();
    sut = createActivities({ dataSource: database.dataSource });
    // Open complaints alone warn: two of them (0.2 of a total weight of 1) cross 0.15.
    const settings = structuredClone(DEFAULT_CUSTOMER_ANALYTICS_SETTINGS);
    settings.churn.threshold = 0.15;
    await database.dataSource.getRepository(CustomerAnalyticsSettingsEntity).insert({ id: 1, settings, updatedBy: 'admin', updatedAt: new Date() });
    const now = new Date();
    await database.dataSource.getRepository(WebhookSubscriptionEntity).insert({
      id: randomUUID(),
      url: 'http://crm.invalid/hooks',
      secret: 's',
      eventTypes: ['customer.churn-warning'],
      active: true,
      description: null,
      createdBy: 'admin',
      createdAt: now,
      updatedAt: now,
    });
    await startProject(FIRST);
    await startProject(SECOND);
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('assesses the customer across their projects, and crosses with the complaint that turns the warning on', async () => {
    expect(await complain(FIRST)).toMatchObject({ customerKey: 'northwind', churnWarning: false, crossed: false });
    const crossing = await complain(SECOND);
    expect(crossing).toMatchObject({ churnWarning: true, crossed: true, churnThreshold: 0.15 });
    expect(crossing!.churnScore).toBeCloseTo(0.2, 5);
    expect(crossing!.signals).toEqual([{ name: 'openComplaints', contribution: 0.2, explanation: '2 complaint(s) not closed' }]);
  });

  it('answers a retried recording of the crossing complaint the same, and tells subscribers once', async () => {
    const retried = await complain(SECOND, `${SECOND}:complaint-2`);
    expect(retried).toMatchObject({ churnWarning: true, crossed: true });
    expect(await churnWebhooks()).toBe(1);
  });

  it('does not cross again while the warning stays on', async () => {
    expect(await complain(FIRST)).toMatchObject({ churnWarning: true, crossed: false });
    expect(await churnWebhooks()).toBe(1);
  });

  it('re-arms once the complaints are closed, and lets exactly one of two simultaneous complaints cross', async () => {
    await resolveAll();
    expect(await complain(FIRST)).toMatchObject({ churnWarning: false, crossed: false });
    await resolveAll();
    const both = await Promise.all([complain(FIRST), complain(SECOND)]);
    // One of the two saw one open complaint; the other, serialised behind it by the customer's lock, saw two.
    expect(both.map((standing) => standing?.crossed).sort()).toEqual([false, true]);
    expect(await churnWebhooks()).toBe(2);
  });

  it('leaves a project without a customer unassessed', async () => {
    const lone = 'd0000000-0000-4000-8000-000000000003';
    await sut.recordProjectStarted({
      projectId: lone,
      name: 'Internal',
      definitionKey: 'customer-review',
      definitionVersion: 1,
      workflowId: `project/${lone}`,
      startedBy: 'paula',
      members: [],
      at: AT,
      audit: { id: `${lone}:started`, projectId: lone, at: AT, action: 'project.started', actor: 'paula', detail: {} },
    });
    expect(await complain(lone)).toBeUndefined();
  });
});
