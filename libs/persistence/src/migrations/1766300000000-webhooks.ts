import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outbound webhooks (issue 13): subscriptions, and the outbox of deliveries a worker POSTs.
 * Deliveries are queued in the transaction that records the fact, so an event is sent if and
 * only if it happened: project events by a trigger on `audit_events` (every writer of the
 * trail is covered, and a retried activity whose audit row already exists queues nothing
 * again), customer events by `enqueue_webhook_event` called from the code that changes them.
 * An event's id is derived from its audit row, so it is the same on every attempt.
 */
export class Webhooks1766300000000 implements MigrationInterface {
  name = 'Webhooks1766300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE webhook_subscriptions (
        id uuid PRIMARY KEY,
        url text NOT NULL,
        secret text NOT NULL,
        event_types text[] NOT NULL CHECK (cardinality(event_types) > 0),
        active boolean NOT NULL DEFAULT true,
        description text,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await db.query(`
      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        subscription_id uuid NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
        event_id text NOT NULL,
        event_type text NOT NULL,
        occurred_at timestamptz NOT NULL,
        data jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_attempt_at timestamptz,
        lease_token uuid,
        leased_until timestamptz,
        last_error text,
        last_status_code int,
        delivered_at timestamptz,
        UNIQUE (subscription_id, event_id)
      )`);
    await db.query(`CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at, created_at, id) WHERE status = 'pending'`);
    await db.query(`CREATE INDEX webhook_deliveries_by_subscription ON webhook_deliveries (subscription_id, created_at DESC, id)`);
    // The one place that decides who gets an event; the trigger below and enqueueWebhookEvent both call it.
    await db.query(`
      CREATE FUNCTION enqueue_webhook_event(webhook_event_id text, webhook_event_type text, webhook_occurred_at timestamptz, webhook_data jsonb)
      RETURNS integer LANGUAGE sql AS $$
        WITH queued AS (
          INSERT INTO webhook_deliveries (subscription_id, event_id, event_type, occurred_at, data)
          SELECT subscription.id, webhook_event_id, webhook_event_type, webhook_occurred_at, webhook_data
            FROM webhook_subscriptions subscription
           WHERE subscription.active AND (webhook_event_type = ANY (subscription.event_types) OR '*' = ANY (subscription.event_types))
          ON CONFLICT (subscription_id, event_id) DO NOTHING
          RETURNING 1)
        SELECT count(*)::int FROM queued
      $$`);
    await db.query(`
      CREATE FUNCTION enqueue_audit_webhook_events() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        event_type text;
        facts jsonb;
      BEGIN
        event_type := CASE NEW.action
          WHEN 'project.started' THEN 'project.started'
          WHEN 'stage.started' THEN 'project.stage-started'
          WHEN 'stage.completed' THEN 'project.stage-completed'
          WHEN 'stage.skipped' THEN 'project.stage-skipped'
          WHEN 'project.completed' THEN 'project.completed'
          WHEN 'project.rejected' THEN 'project.rejected'
          WHEN 'project.cancelled' THEN 'project.cancelled'
          WHEN 'event.raised' THEN 'project.event-raised'
          WHEN 'metric.breached' THEN 'project.metric-breached'
        END;
        -- Most audit rows have no subscriber: no project lookup for them.
        IF NOT EXISTS (SELECT 1 FROM webhook_subscriptions subscription
                        WHERE subscription.active AND (event_type = ANY (subscription.event_types) OR '*' = ANY (subscription.event_types))) THEN
          RETURN NULL;
        END IF;
        SELECT jsonb_build_object(
                 'projectId', NEW.project_id,
                 'projectName', project.name,
                 'definitionKey', project.definition_key,
                 'definitionVersion', project.definition_version,
                 'team', project.team,
                 'customerKey', project.customer_key,
                 'customerName', customer.name,
                 'actor', NEW.actor)
          INTO facts
          FROM (SELECT NEW.project_id AS id) audited
          LEFT JOIN projects project ON project.id = audited.id
          LEFT JOIN customers customer ON customer.key = project.customer_key;
        facts := facts || CASE event_type
          WHEN 'project.stage-started' THEN jsonb_build_object('stage', NEW.subject, 'startedByEvent', NEW.detail->'startedBy')
          WHEN 'project.stage-completed' THEN jsonb_build_object('stage', NEW.subject, 'outcome', NEW.detail->'outcome', 'startedByEvent', NEW.detail->'startedBy')
          WHEN 'project.stage-skipped' THEN jsonb_build_object('stage', NEW.subject, 'condition', NEW.detail->'when')
          WHEN 'project.completed' THEN jsonb_build_object('status', 'completed')
          WHEN 'project.rejected' THEN jsonb_build_object('status', 'rejected', 'stage', NEW.subject)
          WHEN 'project.cancelled' THEN jsonb_build_object('status', 'cancelled', 'stage', NEW.subject, 'reason', NEW.reason, 'incidentId', NEW.detail->'incident')
          WHEN 'project.event-raised' THEN jsonb_build_object('event', NEW.subject, 'duringStage', NEW.detail->'during', 'startsStage', NEW.detail->'starts', 'details', NEW.detail->'data')
          WHEN 'project.metric-breached' THEN jsonb_build_object('metric', NEW.subject, 'duringStage', NEW.detail->'during', 'startsStage', NEW.detail->'starts', 'details', NEW.detail->'data')
          ELSE '{}'::jsonb
        END;
        -- Audit ids are deterministic per fact; hashed so that receivers get one uniform id shape.
        PERFORM enqueue_webhook_event(md5('accord-audit:' || NEW.id)::uuid::text, event_type, NEW.at, facts);
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER audit_events_webhooks AFTER INSERT ON audit_events FOR EACH ROW
      WHEN (NEW.action IN ('project.started', 'stage.started', 'stage.completed', 'stage.skipped', 'project.completed', 'project.rejected', 'project.cancelled', 'event.raised', 'metric.breached'))
      EXECUTE FUNCTION enqueue_audit_webhook_events()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER audit_events_webhooks ON audit_events`);
    await db.query(`DROP FUNCTION enqueue_audit_webhook_events()`);
    await db.query(`DROP FUNCTION enqueue_webhook_event(text, text, timestamptz, jsonb)`);
    await db.query(`DROP TABLE webhook_deliveries`);
    await db.query(`DROP TABLE webhook_subscriptions`);
  }
}
