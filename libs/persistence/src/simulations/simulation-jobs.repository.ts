import type { DataSource } from 'typeorm';
import type { SimulationFailure, SimulationJobStatus, SimulationOutcome } from '@accord/contracts';

/** A simulation job as stored: what was asked, where it stands, and its report or failure once it ends. */
export interface SimulationJobRecord {
  id: string;
  requestedBy: string;
  definitionKey: string;
  definitionSource: string;
  scriptSource: string;
  months: number;
  status: SimulationJobStatus;
  /** The simulated day reached, of `days`. */
  day: number;
  days: number;
  hostId: string | null;
  report: SimulationOutcome | null;
  failure: SimulationFailure | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export type NewSimulationJob = Pick<SimulationJobRecord, 'id' | 'requestedBy' | 'definitionKey' | 'definitionSource' | 'scriptSource' | 'months' | 'days'>;

/** Room to run simulations: the slots of the hosts alive now, and the jobs waiting or running. */
export interface SimulationCapacity {
  slots: number;
  queued: number;
  running: number;
}

interface SimulationJobRow {
  id: string;
  requested_by: string;
  definition_key: string;
  definition_source: string;
  script_source: string;
  months: string;
  status: SimulationJobStatus;
  day: number;
  days: number;
  host_id: string | null;
  report: SimulationOutcome | null;
  failure: SimulationFailure | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

const ACTIVE_PER_REQUESTER = 'simulation_jobs_one_active_per_requester';

/** A host that has not beaten its heart for this long counts as gone. */
export const SIMULATION_HOST_TIMEOUT_SECONDS = 30;

/** Thrown by `enqueue` when the requester already has a job queued or running. */
export class SimulationAlreadyActiveError extends Error {
  constructor(readonly active: SimulationJobRecord) {
    super(`Simulation ${active.id} is still ${active.status}`);
    this.name = 'SimulationAlreadyActiveError';
  }
}

/** TypeORM answers an UPDATE or DELETE … RETURNING with `[rows, affected]`, an INSERT or SELECT with the rows. */
function rowsOf<T>(result: T[] | [T[], number]): T[] {
  return result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number' ? result[0] : (result as T[]);
}

const toRecord = (row: SimulationJobRow): SimulationJobRecord => ({
  id: row.id,
  requestedBy: row.requested_by,
  definitionKey: row.definition_key,
  definitionSource: row.definition_source,
  scriptSource: row.script_source,
  months: Number(row.months),
  status: row.status,
  day: row.day,
  days: row.days,
  hostId: row.host_id,
  report: row.report,
  failure: row.failure,
  createdAt: row.created_at,
  startedAt: row.started_at,
  finishedAt: row.finished_at,
});

/** Simulation jobs and the hosts that run them (table `simulation_jobs`, `simulation_hosts`). */
export class SimulationJobsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Queues a job; the requester's job still queued or running refuses it. */
  async enqueue(job: NewSimulationJob): Promise<SimulationJobRecord> {
    try {
      const [row]: SimulationJobRow[] = await this.dataSource.query(
        `INSERT INTO simulation_jobs (id, requested_by, definition_key, definition_source, script_source, months, days)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
        [job.id, job.requestedBy, job.definitionKey, job.definitionSource, job.scriptSource, job.months, job.days],
      );
      return toRecord(row);
    } catch (error) {
      if ((error as { constraint?: string }).constraint !== ACTIVE_PER_REQUESTER) throw error;
      const active = await this.activeOf(job.requestedBy);
      // It ended between the insert and this read: the requester may simply try again.
      if (!active) throw error;
      throw new SimulationAlreadyActiveError(active);
    }
  }

  async find(id: string): Promise<SimulationJobRecord | undefined> {
    const [row]: SimulationJobRow[] = await this.dataSource.query(`SELECT * FROM simulation_jobs WHERE id = $1`, [id]);
    return row && toRecord(row);
  }

  /** The requester's latest jobs, newest first. */
  async latestOf(requestedBy: string, limit: number): Promise<SimulationJobRecord[]> {
    const rows: SimulationJobRow[] = await this.dataSource.query(
      `SELECT * FROM simulation_jobs WHERE requested_by = $1 ORDER BY created_at DESC, id LIMIT $2`,
      [requestedBy, limit],
    );
    return rows.map(toRecord);
  }

  /** How many queued jobs will be claimed before this one. */
  async aheadOf(job: SimulationJobRecord): Promise<number> {
    const [row]: { ahead: string }[] = await this.dataSource.query(
      `SELECT count(*) AS ahead FROM simulation_jobs WHERE status = 'queued' AND (created_at, id) < ($1, $2)`,
      [job.createdAt, job.id],
    );
    return Number(row.ahead);
  }

  async activeOf(requestedBy: string): Promise<SimulationJobRecord | undefined> {
    const [row]: SimulationJobRow[] = await this.dataSource.query(`SELECT * FROM simulation_jobs WHERE requested_by = $1 AND status IN ('queued', 'running')`, [
      requestedBy,
    ]);
    return row && toRecord(row);
  }

  async capacity(): Promise<SimulationCapacity> {
    const [row]: { slots: string; queued: string; running: string }[] = await this.dataSource.query(
      `SELECT (SELECT coalesce(sum(slots), 0) FROM simulation_hosts WHERE heartbeat_at > now() - make_interval(secs => $1)) AS slots,
              (SELECT count(*) FROM simulation_jobs WHERE status = 'queued') AS queued,
              (SELECT count(*) FROM simulation_jobs WHERE status = 'running') AS running`,
      [SIMULATION_HOST_TIMEOUT_SECONDS],
    );
    return { slots: Number(row.slots), queued: Number(row.queued), running: Number(row.running) };
  }

  /** Cancels a job that has not ended; the host running it stops at its next simulated day. */
  async cancel(id: string): Promise<SimulationJobRecord | undefined> {
    const [row] = rowsOf<SimulationJobRow>(
      await this.dataSource.query(
        `UPDATE simulation_jobs SET status = 'cancelled', finished_at = now() WHERE id = $1 AND status IN ('queued', 'running') RETURNING *`,
        [id],
      ),
    );
    return row && toRecord(row);
  }

  /** Takes the oldest queued job for a host; concurrent hosts never take the same one. */
  async claim(hostId: string): Promise<SimulationJobRecord | undefined> {
    const [row] = rowsOf<SimulationJobRow>(
      await this.dataSource.query(
        `UPDATE simulation_jobs SET status = 'running', host_id = $1, started_at = now()
       WHERE id = (SELECT id FROM simulation_jobs WHERE status = 'queued' ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING *`,
        [hostId],
      ),
    );
    return row && toRecord(row);
  }

  /** Records the simulated day reached; answers whether the job should go on (false once cancelled). */
  async progress(id: string, day: number): Promise<boolean> {
    const rows = rowsOf<{ id: string }>(
      await this.dataSource.query(`UPDATE simulation_jobs SET day = $2 WHERE id = $1 AND status = 'running' RETURNING id`, [id, day]),
    );
    return rows.length > 0;
  }

  /** Ends a running job with its report (a job cancelled meanwhile stays cancelled). */
  async succeed(id: string, report: SimulationOutcome): Promise<void> {
    await this.dataSource.query(
      `UPDATE simulation_jobs SET status = 'succeeded', day = days, report = $2, finished_at = now() WHERE id = $1 AND status = 'running'`,
      [id, JSON.stringify(report)],
    );
  }

  /** Ends a running job with what went wrong (a job cancelled meanwhile stays cancelled). */
  async fail(id: string, failure: SimulationFailure): Promise<void> {
    await this.dataSource.query(`UPDATE simulation_jobs SET status = 'failed', failure = $2, finished_at = now() WHERE id = $1 AND status = 'running'`, [
      id,
      JSON.stringify(failure),
    ]);
  }

  /** Says the host is alive and how many jobs it runs at once. */
  async heartbeat(hostId: string, slots: number): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO simulation_hosts (host_id, slots, heartbeat_at) VALUES ($1, $2, now()) ON CONFLICT (host_id) DO UPDATE SET slots = $2, heartbeat_at = now()`,
      [hostId, slots],
    );
  }

  /** Fails the running jobs of hosts that are gone (a crash or a deploy took them), and forgets those hosts. */
  async failAbandoned(): Promise<string[]> {
    const rows = rowsOf<{ id: string }>(
      await this.dataSource.query(
        `UPDATE simulation_jobs SET status = 'failed', finished_at = now(),
         failure = jsonb_build_object('message', 'The worker running this simulation stopped before it ended: start it again.')
       WHERE status = 'running' AND host_id NOT IN (SELECT host_id FROM simulation_hosts WHERE heartbeat_at > now() - make_interval(secs => $1))
       RETURNING id`,
        [SIMULATION_HOST_TIMEOUT_SECONDS],
      ),
    );
    await this.dataSource.query(`DELETE FROM simulation_hosts WHERE heartbeat_at <= now() - make_interval(secs => $1)`, [SIMULATION_HOST_TIMEOUT_SECONDS]);
    return rows.map((row) => row.id);
  }

  /** A host that stops cleanly takes its slots away at once. */
  async leave(hostId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM simulation_hosts WHERE host_id = $1`, [hostId]);
  }
}
