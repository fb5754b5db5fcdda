import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { Client } from 'pg';
import { bundleWorkflowCode, DefaultLogger, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { SimulationFailure } from '@accord/contracts';
import { type SimulationJobRecord, SimulationJobsRepository } from '@accord/persistence';
import { SimulationInputError } from '@accord/simulation';
import type { DataSource } from 'typeorm';
import { WORKFLOWS_PATH, workflowBundlerOptions } from './accord-worker';
import { simulateDefinition } from './project-simulation';

export interface SimulationHostOptions {
  /** The time-skipping test server binary each simulation starts. */
  testServerPath: string;
  /** The read model's database: each simulation gets a scratch database beside it, dropped after. */
  databaseUrl: string;
  /** Simulations run at once: each one is a test server, a worker and a database. */
  slots: number;
  /** The workflow code bundled once (tests share theirs); bundled on the first job when absent. */
  workflowBundle?: WorkflowBundleWithSourceMap;
  pollMs?: number;
  heartbeatMs?: number;
}

/** Thrown inside a run to stop it: the job was cancelled, or the host is stopping. */
class SimulationStopped extends Error {
  constructor(readonly reason: 'cancelled' | 'host-stopping') {
    super(reason === 'cancelled' ? 'The simulation was cancelled' : 'The worker stopped before the simulation ended: start it again.');
  }
}

/**
 * Runs the simulation jobs the API queues (issue 15): a worker that has the time-skipping
 * test server claims queued jobs while it has a free slot, reports each simulated day as
 * progress, and stores the report. Its heartbeat tells the API there is room to run them;
 * a job whose host died is failed by the next host's heartbeat, never left running.
 */
export class SimulationHost {
  readonly hostId = `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private readonly jobs: SimulationJobsRepository;
  private readonly running = new Map<string, Promise<void>>();
  private bundle?: Promise<WorkflowBundleWithSourceMap>;
  private pollTimer?: NodeJS.Timeout;
  private heartbeatTimer?: NodeJS.Timeout;
  private polling?: Promise<void>;
  private stopping = false;

  constructor(
    dataSource: DataSource,
    private readonly options: SimulationHostOptions,
  ) {
    this.jobs = new SimulationJobsRepository(dataSource);
    if (options.workflowBundle) this.bundle = Promise.resolve(options.workflowBundle);
  }

  async start(onError: (error: unknown) => void): Promise<void> {
    await this.beat();
    const beat = () => {
      this.beat()
        .catch(onError)
        .finally(() => {
          if (this.heartbeatTimer) this.heartbeatTimer = setTimeout(beat, this.options.heartbeatMs ?? 10_000);
        });
    };
    this.heartbeatTimer = setTimeout(beat, this.options.heartbeatMs ?? 10_000);
    const poll = () => {
      this.polling = this.claimWhileFree(onError)
        .catch(onError)
        .finally(() => {
          if (this.pollTimer) this.pollTimer = setTimeout(poll, this.options.pollMs ?? 1_000);
        });
    };
    this.pollTimer = setTimeout(poll, 0);
  }

  /** Stops taking jobs, stops the running ones (they fail, saying why) and gives the slots back. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.pollTimer);
    clearTimeout(this.heartbeatTimer);
    this.pollTimer = this.heartbeatTimer = undefined;
    await this.polling;
    await Promise.all(this.running.values());
    await this.jobs.leave(this.hostId);
  }

  private async beat(): Promise<void> {
    await this.jobs.heartbeat(this.hostId, this.options.slots);
    await this.jobs.failAbandoned();
  }

  private async claimWhileFree(onError: (error: unknown) => void): Promise<void> {
    while (!this.stopping && this.running.size < this.options.slots) {
      const job = await this.jobs.claim(this.hostId);
      if (!job) return;
      const run = this.run(job)
        .catch(onError)
        .finally(() => this.running.delete(job.id));
      this.running.set(job.id, run);
    }
  }

  private async run(job: SimulationJobRecord): Promise<void> {
    const scratch = await ScratchDatabase.create(this.options.databaseUrl);
    try {
      const report = await simulateDefinition({
        definitionSource: job.definitionSource,
        scriptSource: job.scriptSource,
        months: job.months,
        testServerPath: this.options.testServerPath,
        databaseUrl: scratch.url,
        quietRuntime: false,
        workflowBundle: await this.workflowBundle(),
        onDay: async (day) => {
          if (this.stopping) throw new SimulationStopped('host-stopping');
          if (!(await this.jobs.progress(job.id, day))) throw new SimulationStopped('cancelled');
        },
      });
      const { timeline, kpis, outcome, days, timezone, refused } = report;
      await this.jobs.succeed(job.id, { timeline, kpis, outcome, days, timezone, refused });
    } catch (error) {
      if (error instanceof SimulationStopped && error.reason === 'cancelled') return;
      await this.jobs.fail(job.id, failureOf(error));
    } finally {
      await scratch.drop();
    }
  }

  private workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
    this.bundle ??= bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, ...workflowBundlerOptions, logger: new DefaultLogger('WARN') });
    return this.bundle;
  }
}

function failureOf(error: unknown): SimulationFailure {
  if (error instanceof SimulationInputError) return { message: error.message, source: error.source, problems: error.problems };
  return { message: error instanceof Error ? error.message : String(error) };
}

/** A database of its own for one simulation, on the server of the read model: the role needs CREATEDB. */
class ScratchDatabase {
  private constructor(
    private readonly adminUrl: string,
    private readonly name: string,
    readonly url: string,
  ) {}

  static async create(databaseUrl: string): Promise<ScratchDatabase> {
    const name = `accord_simulation_${randomBytes(6).toString('hex')}`;
    await ScratchDatabase.execute(databaseUrl, `CREATE DATABASE ${name}`);
    const url = new URL(databaseUrl);
    url.pathname = `/${name}`;
    return new ScratchDatabase(databaseUrl, name, url.toString());
  }

  async drop(): Promise<void> {
    await ScratchDatabase.execute(this.adminUrl, `DROP DATABASE IF EXISTS ${this.name} WITH (FORCE)`);
  }

  private static async execute(databaseUrl: string, statement: string): Promise<void> {
    const client = new Client({ connectionString: databaseUrl, application_name: 'accord-simulation-host' });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  }
}
