import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The metrics count the escalation rungs fired from the audit trail on every snapshot (every 5 s
 * per API replica while Prometheus scrapes). Without an index of their own that count read the
 * whole append-only trail, which grows for as long as Accord runs. This partial index holds only
 * those rows, under the condition the snapshot query writes (read-model-snapshot.query.ts);
 * test/persistence/read-model-snapshot.spec.ts checks that the query's plan uses it.
 */
export class EscalationAuditIndex1766900000000 implements MigrationInterface {
  name = 'EscalationAuditIndex1766900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE INDEX audit_events_escalations ON audit_events (action)
       WHERE action IN ('task.reminded', 'task.escalated', 'task.auto-decided') OR (action = 'task.reassigned' AND actor = 'system')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX audit_events_escalations');
  }
}
