import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Meetings and their action items as records of their own (R-EXP-6, R-REV-6), written with
 * the tasks they are held and done through. Meetings and action items already in `tasks`
 * are carried over: a meeting's attendees were not recorded then, and stay empty; an action
 * item's text, owner and due date come from the minutes of its meeting.
 */
export class Meetings1765200000000 implements MigrationInterface {
  name = 'Meetings1765200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE meetings (
        id text PRIMARY KEY,
        project_id uuid NOT NULL,
        stage_id text NOT NULL,
        step_id text NOT NULL,
        title text NOT NULL,
        organizer jsonb NOT NULL,
        attendees jsonb NOT NULL,
        agenda jsonb NOT NULL,
        status text NOT NULL,
        scheduled_at timestamptz NOT NULL,
        held_at timestamptz,
        recorded_by text,
        minutes jsonb
      )`);
    await db.query(`CREATE INDEX meetings_by_project ON meetings (project_id, scheduled_at)`);
    // No foreign key to meetings: during a rolling deploy a worker of the version before opens
    // meetings without a record, and an action item must never keep its owner's task from opening.
    await db.query(`
      CREATE TABLE action_items (
        id text PRIMARY KEY,
        project_id uuid NOT NULL,
        meeting_id text NOT NULL,
        index int NOT NULL,
        item text NOT NULL,
        owner text NOT NULL,
        due text NOT NULL,
        due_at timestamptz,
        status text NOT NULL,
        opened_at timestamptz NOT NULL,
        closed_at timestamptz,
        closed_by text
      )`);
    await db.query(`CREATE INDEX action_items_by_project ON action_items (project_id, status, due)`);
    await db.query(`CREATE INDEX action_items_by_meeting ON action_items (meeting_id)`);
    await db.query(`
      INSERT INTO meetings (id, project_id, stage_id, step_id, title, organizer, attendees, agenda, status, scheduled_at, held_at, recorded_by, minutes)
      SELECT id, project_id, stage_id, step_id, title,
             CASE WHEN candidate_role IS NOT NULL THEN jsonb_build_object('role', candidate_role) ELSE jsonb_build_object('user', assignee_user) END,
             '[]'::jsonb, coalesce(agenda, '[]'::jsonb),
             CASE status WHEN 'open' THEN 'scheduled' WHEN 'completed' THEN 'held' ELSE 'cancelled' END,
             created_at, CASE WHEN status = 'completed' THEN closed_at END, completed_by, completion_data
        FROM tasks WHERE kind = 'meeting'`);
    // An action item's workflow is <stage workflow>[/cadence/<cadence>]/action/<meeting step>/<occurrence>/<n>, in the stage run that held the meeting.
    await db.query(`
      INSERT INTO action_items (id, project_id, meeting_id, index, item, owner, due, due_at, status, opened_at, closed_at, closed_by)
      SELECT task.id, task.project_id, meeting.id, parsed.index,
             meeting.minutes->'actionItems'->(parsed.index - 1)->>'item', meeting.minutes->'actionItems'->(parsed.index - 1)->>'owner',
             meeting.minutes->'actionItems'->(parsed.index - 1)->>'due', task.due_at,
             CASE task.status WHEN 'open' THEN 'open' WHEN 'completed' THEN 'done' ELSE 'cancelled' END,
             task.created_at, task.closed_at, task.completed_by
        FROM tasks task
        CROSS JOIN LATERAL regexp_match(task.workflow_id, '/stage/[^/]+/(\\d+)(?:/cadence/[^/]+)?/action/([^/]+)/(\\d+)/(\\d+)$') AS part
        CROSS JOIN LATERAL (SELECT part[4]::int AS index) AS parsed
        JOIN meetings meeting ON meeting.id = task.project_id || ':' || task.stage_id || ':' || part[1] || ':' || part[2] || ':' || part[3]
       WHERE task.workflow_id LIKE '%/action/%' AND meeting.minutes->'actionItems'->(parsed.index - 1) ? 'item'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE action_items`);
    await db.query(`DROP TABLE meetings`);
  }
}
