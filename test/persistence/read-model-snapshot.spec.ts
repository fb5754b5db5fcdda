import { createActivities } from '@accord/activities';
import type { AuditAction, AuditEntry } from '@accord/contracts';
import { loadReadModelSnapshot, NotificationEntity, READ_MODEL_SNAPSHOT_SQL, type NotificationStatus, type ReadModelSnapshotRow } from '@accord/persistence';
import { statementsOf } from '../support/statement-count';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const PROJECT = 'f0000000-0000-4000-8000-0000000000e1';
const SECOND = 1_000;
const HOUR = 3_600 * SECOND;

/** A node of PostgreSQL's plan as EXPLAIN (FORMAT JSON) gives it: only the fields read here. */
interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plan?: PlanNode;
  Plans?: PlanNode[];
}

/** The figures behind the API's read-model gauges, each made non-zero beside rows it must leave out, on real PostgreSQL. */
describe(loadReadModelSnapshot.name, () => {
  let database: TestDatabase;
  let snapshot: ReadModelSnapshotRow;

  beforeAll(async () => {
    database = await createTestDatabase();
    const activities = createActivities({ dataSource: database.dataSource });
    // The query compares with PostgreSQL's now(), so every time here is relative to the real clock.
    const now = Date.now();
    const ago = (ms: number) => new Date(now - ms).toISOString();
    const past = ago(HOUR);
    const future = ago(-24 * HOUR);
    let audits = 0;
    const audit = (action: AuditAction, actor = 'paula', subject?: string): AuditEntry => ({
      id: `${PROJECT}#audit-${++audits}`,
      projectId: PROJECT,
      action,
      actor,
      at: ago(0),
      subject,
      detail: {},
    });

    await activities.recordProjectStarted({
      projectId: PROJECT,
      name: 'Gauges',
      definitionKey: 'gauges',
      definitionVersion: 1,
      workflowId: `project/${PROJECT}`,
      startedBy: 'paula',
      members: [{ user: 'paula', role: 'pm' }],
      at: ago(2 * HOUR),
      audit: audit('project.started'),
    });

    const openTask = async (step: string, dueAt?: string) => {
      const id = `${PROJECT}:track:1:${step}:1`;
      await activities.openTask({
        id,
        projectId: PROJECT,
        workflowId: `project/${PROJECT}/stage/track/1`,
        stageId: 'track',
        stepId: step,
        kind: 'task',
        title: step,
        assignee: { role: 'pm' },
        outcomes: ['done'],
        priority: 'normal',
        openedAt: ago(2 * HOUR),
        dueAt,
        audit: audit('task.opened', 'system', id),
      });
      return id;
    };
    await openTask('overdue-a', past);
    await openTask('overdue-b', past);
    await openTask('due-tomorrow', future);
    await openTask('no-due-date');
    for (const status of ['completed', 'cancelled', 'expired'] as const) {
      const id = await openTask(`${status}-late`, past);
      await activities.closeTask({
        taskId: id,
        status,
        at: ago(0),
        completedBy: status === 'completed' ? 'paula' : undefined,
        outcome: status === 'completed' ? 'done' : undefined,
        audit: audit(status === 'completed' ? 'task.completed' : 'task.cancelled', 'paula', id),
      });
    }

    for (const n of [1, 2, 3]) {
      const id = `project/${PROJECT}:incident:${n}`;
      await activities.recordIncident({
        id,
        projectId: PROJECT,
        workflowId: `project/${PROJECT}`,
        stageId: 'track',
        stepId: null,
        kind: 'activity-failed',
        failedWorkflowId: null,
        activity: 'sendReport',
        errorType: 'BadData',
        message: 'no recipient',
        attempts: 3,
        skippable: true,
        at: ago(HOUR),
        audit: audit('incident.raised', 'system', id),
      });
    }
    await activities.recordIncidentResolved({
      id: `project/${PROJECT}:incident:3`,
      action: 'skip',
      resolvedBy: 'ada',
      reason: 'not needed',
      at: ago(0),
      audit: audit('incident.resolved', 'ada', `project/${PROJECT}:incident:3`),
    });

    // The dead and sent messages are older than any pending one, so counting them would show in the outbox's age.
    const notifications: [string, number, NotificationStatus][] = [
      ['waiting-longest', 90 * SECOND, 'pending'],
      ['waiting', 5 * SECOND, 'pending'],
      ['given-up', HOUR, 'dead'],
      ['delivered', 2 * HOUR, 'sent'],
    ];
    for (const [id, age, status] of notifications) {
      await activities.enqueueNotification({
        id,
        projectId: PROJECT,
        kind: 'reminder',
        recipient: { role: 'pm' },
        subject: id,
        body: id,
        at: ago(age),
      });
      // Only the dispatcher moves a message out of pending; here the outcome is set directly.
      if (status !== 'pending') {
        await database.dataSource
          .getRepository(NotificationEntity)
          .update({ id }, { status, attempts: 1, lastAttemptAt: new Date(ago(0)), sentAt: status === 'sent' ? new Date(ago(0)) : null });
      }
    }

    const fired: [AuditAction, string, number][] = [
      ['task.reminded', 'system', 2],
      ['task.escalated', 'system', 1],
      ['task.auto-decided', 'system', 3],
      ['task.reassigned', 'system', 1],
      // A person handing a task on is not an escalation rung firing.
      ['task.reassigned', 'paula', 1],
    ];
    for (const [action, actor, times] of fired) {
      for (let i = 0; i < times; i++) await activities.recordAudit(audit(action, actor, `${PROJECT}:track:1:overdue-a:1`));
    }

    snapshot = await loadReadModelSnapshot(database.dataSource);
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('reads every figure in one statement, so a scrape costs one round trip to PostgreSQL', async () => {
    const statements = await statementsOf(database.dataSource, () => loadReadModelSnapshot(database.dataSource));
    expect(statements).toHaveLength(1);
  });

  it('counts every open task, with a due date or without, and no closed one', () => {
    expect(Number(snapshot.open_tasks)).toBe(4);
  });

  it('counts only open tasks past their due date as overdue, not closed ones that were late', () => {
    expect(Number(snapshot.overdue_tasks)).toBe(2);
  });

  it('counts only open incidents, not resolved ones', () => {
    expect(Number(snapshot.open_incidents)).toBe(2);
  });

  it('counts pending notifications as the backlog and dead ones as dead letters, and sent ones as neither', () => {
    expect(Number(snapshot.notification_backlog)).toBe(2);
    expect(Number(snapshot.notification_dead_letters)).toBe(1);
  });

  it('ages the outbox by its oldest pending notification, not by older sent or dead ones', () => {
    const seconds = Number(snapshot.oldest_pending_notification_seconds);
    expect(seconds).toBeGreaterThanOrEqual(90);
    expect(seconds).toBeLessThan(600);
  });

  it('counts the escalation rungs fired by audit action, a reassignment only when the system made it', () => {
    const escalations = Object.fromEntries(Object.entries(snapshot.escalations).map(([action, count]) => [action, Number(count)]));
    expect(escalations).toEqual({ 'task.reminded': 2, 'task.escalated': 1, 'task.auto-decided': 3, 'task.reassigned': 1 });
  });

  it('counts the escalations through their own index, not by reading the whole audit trail', async () => {
    // A trail grown long with other facts, as a months-old installation has, and its statistics.
    await database.dataSource.query(
      `INSERT INTO audit_events (id, project_id, action, actor, at, detail)
       SELECT 'grown-' || n, $1, 'task.opened', 'system', now(), '{}' FROM generate_series(1, 20000) AS n`,
      [PROJECT],
    );
    await database.dataSource.query('ANALYZE audit_events');
    const [{ 'QUERY PLAN': plans }]: { 'QUERY PLAN': PlanNode[] }[] = await database.dataSource.query(`EXPLAIN (FORMAT JSON) ${READ_MODEL_SNAPSHOT_SQL}`);
    const auditScans = (node: PlanNode): { type: string; index?: string }[] => [
      ...(node['Relation Name'] === 'audit_events' ? [{ type: node['Node Type'], index: node['Index Name'] }] : []),
      ...(node.Plans ?? []).flatMap(auditScans),
    ];

    expect(plans.flatMap((entry) => auditScans(entry.Plan!))).toEqual([{ type: expect.stringMatching(/Index/), index: 'audit_events_escalations' }]);
  });

  it('reports an outbox age of 0, not null, when nothing waits to be sent', async () => {
    // Emptying the outbox inside a transaction that is rolled back leaves the other tests' rows alone.
    const runner = database.dataSource.createQueryRunner();
    await runner.startTransaction();
    try {
      await runner.manager.update(NotificationEntity, { status: 'pending' }, { status: 'sent' });
      const empty = await loadReadModelSnapshot(runner.manager);
      expect(Number(empty.notification_backlog)).toBe(0);
      expect(empty.oldest_pending_notification_seconds).not.toBeNull();
      expect(Number(empty.oldest_pending_notification_seconds)).toBe(0);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});
