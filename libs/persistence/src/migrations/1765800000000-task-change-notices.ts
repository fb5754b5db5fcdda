import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tells listeners (the API's live inbox) when tasks change, at commit, whoever wrote them.
 * The triggers fire once per statement, not per row, so a bulk insert sends one notice naming
 * each project once. An update fires twice, once over the rows as they were and once as they
 * are, since a task claimed away from someone leaves their inbox. A statement touching very
 * many projects or people sends `{"all":true}`: a notice must stay under 8000 bytes.
 */
export class TaskChangeNotices1765800000000 implements MigrationInterface {
  name = 'TaskChangeNotices1765800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION notify_task_changes() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        notice text;
      BEGIN
        SELECT json_build_object(
                 'projects', (SELECT coalesce(json_agg(DISTINCT project_id), '[]') FROM changed),
                 'users', (SELECT coalesce(json_agg(DISTINCT person), '[]') FROM changed,
                             LATERAL unnest(ARRAY[assignee_user, claimed_by]) AS person WHERE person IS NOT NULL))::text
          INTO notice;
        IF octet_length(notice) > 7900 THEN
          notice := '{"all":true}';
        END IF;
        PERFORM pg_notify('accord_task_changes', notice);
        RETURN NULL;
      END $$`);
    for (const [name, event, table] of [
      ['tasks_inserted_notice', 'INSERT', 'NEW'],
      ['tasks_deleted_notice', 'DELETE', 'OLD'],
      ['tasks_updated_from_notice', 'UPDATE', 'OLD'],
      ['tasks_updated_to_notice', 'UPDATE', 'NEW'],
    ]) {
      await db.query(
        `CREATE TRIGGER ${name} AFTER ${event} ON tasks REFERENCING ${table} TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION notify_task_changes()`,
      );
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const name of ['tasks_inserted_notice', 'tasks_deleted_notice', 'tasks_updated_from_notice', 'tasks_updated_to_notice']) {
      await db.query(`DROP TRIGGER ${name} ON tasks`);
    }
    await db.query(`DROP FUNCTION notify_task_changes()`);
  }
}
