import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Simulations of drafts run as jobs (issue 15): the API queues them, a worker that can host
 * them (it has the time-skipping test server) claims one at a time per slot and writes its
 * progress and report back. A partial unique index gives each admin one job at a time,
 * whichever API process they reach; hosts announce themselves with a heartbeat, so the API
 * can refuse a job that nothing would run, and a job whose host died is failed, not left running.
 */
export class SimulationJobs1766800000000 implements MigrationInterface {
  name = 'SimulationJobs1766800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE simulation_jobs (
        id uuid PRIMARY KEY,
        requested_by text NOT NULL,
        definition_key text NOT NULL,
        definition_source text NOT NULL,
        script_source text NOT NULL,
        months numeric NOT NULL CHECK (months > 0),
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
        day int NOT NULL DEFAULT 0,
        days int NOT NULL,
        host_id text,
        report jsonb,
        failure jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz
      )`);
    await db.query(`CREATE UNIQUE INDEX simulation_jobs_one_active_per_requester ON simulation_jobs (requested_by) WHERE status IN ('queued', 'running')`);
    await db.query(`CREATE INDEX simulation_jobs_queue ON simulation_jobs (created_at, id) WHERE status = 'queued'`);
    await db.query(`CREATE INDEX simulation_jobs_by_requester ON simulation_jobs (requested_by, created_at DESC)`);
    await db.query(`
      CREATE TABLE simulation_hosts (
        host_id text PRIMARY KEY,
        slots int NOT NULL CHECK (slots > 0),
        heartbeat_at timestamptz NOT NULL
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE simulation_hosts`);
    await db.query(`DROP TABLE simulation_jobs`);
  }
}
