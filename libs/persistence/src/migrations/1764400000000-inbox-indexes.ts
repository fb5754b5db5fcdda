import type { MigrationInterface, QueryRunner } from 'typeorm';

const SORTS = {
  created: 'created_at, id',
  due: `(COALESCE(due_at, 'infinity'::timestamptz)), id`,
  priority: 'priority, created_at, id',
};
const SCOPES = {
  role: { column: 'candidate_role', where: `status = 'open' AND claimed_by IS NULL` },
  user: { column: 'assignee_user', where: `status = 'open'` },
  claimed: { column: 'claimed_by', where: `status = 'open' AND claimed_by IS NOT NULL` },
};

/**
 * One partial index per way a task reaches an inbox and per sort order, so each branch of
 * the inbox query reads its page in order and stops: the cost of a page does not grow with
 * the number of tasks.
 */
export class InboxIndexes1764400000000 implements MigrationInterface {
  name = 'InboxIndexes1764400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX tasks_open_by_role`);
    await db.query(`DROP INDEX tasks_open_by_user`);
    await db.query(`DROP INDEX tasks_open_claimed_by`);
    for (const [scope, { column, where }] of Object.entries(SCOPES)) {
      for (const [sort, keys] of Object.entries(SORTS)) {
        await db.query(`CREATE INDEX tasks_inbox_${scope}_${sort} ON tasks (${column}, ${keys}) WHERE ${where}`);
      }
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const scope of Object.keys(SCOPES)) for (const sort of Object.keys(SORTS)) await db.query(`DROP INDEX tasks_inbox_${scope}_${sort}`);
    await db.query(`CREATE INDEX tasks_open_by_role ON tasks (candidate_role, created_at) WHERE status = 'open'`);
    await db.query(`CREATE INDEX tasks_open_by_user ON tasks (assignee_user, created_at) WHERE status = 'open'`);
    await db.query(`CREATE INDEX tasks_open_claimed_by ON tasks (claimed_by, created_at) WHERE status = 'open' AND claimed_by IS NOT NULL`);
  }
}
