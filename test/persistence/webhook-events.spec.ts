import { randomUUID } from 'node:crypto';
import { enqueueWebhookEvent, enqueueWebhookEvents, WebhookDeliveryEntity, WebhookSubscriptionEntity } from '@accord/persistence';
import { Webhooks1766300000000 } from '../../libs/persistence/src/migrations/1766300000000-webhooks';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const PROJECT = '3b6f5f3e-0000-4000-8000-000000000003';
const AT = new Date('2026-12-02T09:00:00Z');

/**
 * Events are queued in the transaction that records them: project events by the trigger on
 * `audit_events`, customer events through enqueueWebhookEvent; both fan out through the
 * SQL function `enqueue_webhook_event` (real PostgreSQL).
 */
describe('queuing webhook events (migration Webhooks1766300000000)', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
    await database.dataSource.query(`INSERT INTO customers (key, name, first_project_at) VALUES ('acme', 'ACME Corp', $1)`, [AT]);
    await database.dataSource.query(
      `INSERT INTO projects (id, name, definition_key, definition_version, status, workflow_id, started_by, started_at, team, customer_key)
       VALUES ($1, 'ACME ERP roll-out', 'expectation-signoff', 3, 'running', 'project/x', 'paula', $2, 'erp-east', 'acme')`,
      [PROJECT, AT],
    );
  });

  afterAll(async () => {
    await database?.drop();
  });

  beforeEach(async () => {
    await database.dataSource.query('DELETE FROM webhook_subscriptions');
  });

  const deliveries = () => database.dataSource.getRepository(WebhookDeliveryEntity).find({ order: { eventType: 'ASC', subscriptionId: 'ASC' } });

  const subscribe = async (eventTypes: string[], active = true): Promise<string> => {
    const id = randomUUID();
    await database.dataSource.getRepository(WebhookSubscriptionEntity).insert({
      id,
      url: 'http://127.0.0.1:9/hooks',
      secret: 'whsec_events-spec-secret',
      eventTypes,
      active,
      description: null,
      createdBy: 'ada',
      createdAt: AT,
      updatedAt: AT,
    });
    return id;
  };

  /** Writes an audit entry as the activities do: a retried activity's entry is already there and is left alone. */
  const audit = (
    id: string,
    fields: { action: string; subject?: string; actor?: string; reason?: string; requestId?: string; detail?: Record<string, unknown> },
  ) =>
    database.dataSource.query(
      `INSERT INTO audit_events (id, project_id, action, actor, at, subject, reason, request_id, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
      [
        id,
        PROJECT,
        fields.action,
        fields.actor ?? 'system',
        AT,
        fields.subject ?? null,
        fields.reason ?? null,
        fields.requestId ?? null,
        JSON.stringify(fields.detail ?? {}),
      ],
    );

  it('queues one delivery per active subscription whose filter takes the type', async () => {
    const everything = await subscribe(['*']);
    const customers = await subscribe(['customer.profile-changed']);
    await subscribe(['project.started']);
    await subscribe(['*'], false);

    const queued = await enqueueWebhookEvent(database.dataSource.manager, {
      id: 'evt-profile-1',
      type: 'customer.profile-changed',
      occurredAt: AT,
      data: { customerKey: 'acme' },
    });

    expect(queued).toBe(2);
    const rows = await deliveries();
    expect(rows.map((row) => row.subscriptionId).sort()).toEqual([everything, customers].sort());
    expect(rows.map(({ eventId, status, attempts }) => ({ eventId, status, attempts }))).toEqual([
      { eventId: 'evt-profile-1', status: 'pending', attempts: 0 },
      { eventId: 'evt-profile-1', status: 'pending', attempts: 0 },
    ]);
  });

  it('queues an event id once per subscription, however often it is enqueued', async () => {
    await subscribe(['*']);
    const event = { id: 'evt-profile-2', type: 'customer.churn-warning', occurredAt: AT, data: { customerKey: 'acme', score: 0.7 } };

    expect(await enqueueWebhookEvent(database.dataSource.manager, event)).toBe(1);
    expect(await enqueueWebhookEvent(database.dataSource.manager, event)).toBe(0);
    expect(await deliveries()).toHaveLength(1);
  });

  it('queues many events at once, each once per subscription', async () => {
    await subscribe(['customer.imported']);
    await subscribe(['*']);
    const events = Array.from({ length: 1500 }, (_, index) => ({
      id: `evt-import-${index}`,
      type: 'customer.imported',
      occurredAt: AT,
      data: { customerKey: `c${index}` },
    }));

    expect(await enqueueWebhookEvents(database.dataSource.manager, events)).toBe(3000);
    expect(await enqueueWebhookEvents(database.dataSource.manager, events.slice(0, 10))).toBe(0);
    expect(await enqueueWebhookEvents(database.dataSource.manager, [])).toBe(0);
  });

  it('queues nothing when the transaction that enqueued rolls back', async () => {
    await subscribe(['*']);
    await expect(
      database.dataSource.transaction(async (manager) => {
        await enqueueWebhookEvent(manager, { id: 'evt-rolled-back', type: 'customer.profile-changed', occurredAt: AT, data: {} });
        throw new Error('the profile change failed');
      }),
    ).rejects.toThrow('the profile change failed');
    expect(await deliveries()).toEqual([]);
  });

  it('refuses an event type outside the documented set', async () => {
    await expect(enqueueWebhookEvent(database.dataSource.manager, { id: 'evt-x', type: 'customer.renamed', occurredAt: AT, data: {} })).rejects.toThrow(
      /Unknown webhook event type customer.renamed/,
    );
  });

  it('turns an audited stage completion into project.stage-completed with the project, customer and outcome, once', async () => {
    await subscribe(['project.stage-completed']);

    await audit(`${PROJECT}:kickoff:1:stage.completed`, { action: 'stage.completed', subject: 'kickoff', detail: { outcome: 'completed' } });
    await audit(`${PROJECT}:kickoff:1:stage.completed`, { action: 'stage.completed', subject: 'kickoff', detail: { outcome: 'completed' } });
    await audit(`${PROJECT}:kickoff:1:stage.started`, { action: 'stage.started', subject: 'kickoff', detail: {} });

    const [row, ...others] = await deliveries();
    expect(others).toEqual([]);
    expect(row).toMatchObject({ eventType: 'project.stage-completed', occurredAt: AT, status: 'pending' });
    expect(row.eventId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(row.data).toEqual({
      projectId: PROJECT,
      projectName: 'ACME ERP roll-out',
      definitionKey: 'expectation-signoff',
      definitionVersion: 3,
      team: 'erp-east',
      customerKey: 'acme',
      customerName: 'ACME Corp',
      actor: 'system',
      stage: 'kickoff',
      outcome: 'completed',
      startedByEvent: null,
    });
  });

  it('derives the event id from the audit row: the same fact gets the same id for every subscription', async () => {
    await subscribe(['*']);
    await subscribe(['project.event-raised']);

    await audit(`${PROJECT}:event:req-7`, {
      action: 'event.raised',
      actor: 'carl',
      subject: 'complaint',
      requestId: 'req-7',
      detail: { data: { text: 'late' }, during: 'track', starts: 'handle-feedback' },
    });

    const rows = await deliveries();
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map((row) => row.eventId)).size).toBe(1);
    expect(rows[0].data).toMatchObject({ actor: 'carl', event: 'complaint', duringStage: 'track', startsStage: 'handle-feedback', details: { text: 'late' } });
  });

  it('queues nothing for audit actions that are not webhook events', async () => {
    await subscribe(['*']);
    await audit(`${PROJECT}:task-1:task.completed`, { action: 'task.completed', subject: 'task-1' });
    expect(await deliveries()).toEqual([]);
  });

  it('is undone by its down migration, and done again', async () => {
    const runner = database.dataSource.createQueryRunner();
    try {
      await new Webhooks1766300000000().down(runner);
      expect(
        await runner.query(
          `SELECT to_regclass('webhook_deliveries') AS deliveries, to_regprocedure('enqueue_webhook_event(text, text, timestamptz, jsonb)') AS enqueue`,
        ),
      ).toEqual([{ deliveries: null, enqueue: null }]);
      await audit(`${PROJECT}:review:1:stage.started`, { action: 'stage.started', subject: 'review' });
      await new Webhooks1766300000000().up(runner);
    } finally {
      await runner.release();
    }
    await subscribe(['*']);
    await audit(`${PROJECT}:review:1:stage.completed`, { action: 'stage.completed', subject: 'review', detail: { outcome: 'completed' } });
    expect((await deliveries()).map((row) => row.eventType)).toEqual(['project.stage-completed']);
  });
});
