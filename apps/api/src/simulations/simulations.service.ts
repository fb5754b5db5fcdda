import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type SimulationJobRecord, SimulationAlreadyActiveError, SimulationJobsRepository } from '@accord/persistence';
import { AccordConfig } from '@accord/runtime';
import { SimulationInputError, simulationInput } from '@accord/simulation';
import type { AuthUser } from '../auth/auth-user';
import { DefinitionRegistryService, definitionsDir } from '../definitions/definition-registry.service';
import { DefinitionException, ErrorCode, SimulationException } from '../errors/accord.exception';
import type { SimulateDefinitionDto } from './dto/simulate-definition.dto';
import type { ActorsScriptResponse, SimulationJobResponse } from './dto/simulation-job.responses';

const DEFAULT_MONTHS = 6;
const DAYS_PER_MONTH = 30.44;
/** Jobs that may wait per free slot before new ones are refused as busy. */
const QUEUE_PER_SLOT = 2;
/** A simulation of six months takes about a minute: the wait to suggest when all is taken. */
const RETRY_AFTER_SECONDS = 60;

/**
 * Simulations of drafts as jobs (issue 15): checked here before they are queued, so a draft
 * or script that cannot run is refused at once with its paths; run by a worker that hosts
 * simulations (apps/worker/src/simulation-host.ts); one at a time per admin.
 */
@Injectable()
export class SimulationsService {
  private readonly jobs: SimulationJobsRepository;

  constructor(
    dataSource: DataSource,
    private readonly registry: DefinitionRegistryService,
    private readonly config: AccordConfig,
  ) {
    this.jobs = new SimulationJobsRepository(dataSource);
  }

  async start(user: AuthUser, key: string, dto: SimulateDefinitionDto): Promise<SimulationJobResponse> {
    const definitionSource = dto.source ?? (await this.registry.draft(key)).source;
    const scriptSource = dto.script ?? this.shippedScript(key)?.source;
    if (scriptSource === undefined) {
      const message = `No actors script is shipped for ${key}: send one in \`script\``;
      throw new SimulationException(ErrorCode.SIMULATION_INPUT_INVALID, message, [{ path: 'script', message }]);
    }
    const { definition } = this.checked(definitionSource, scriptSource);
    if (definition.key !== key) {
      throw new DefinitionException(ErrorCode.DEFINITION_KEY_MISMATCH, `The source's key "${definition.key}" is not "${key}"`, [
        { path: 'source.key', message: `must be ${key}` },
      ]);
    }
    await this.assertRoom();
    const months = dto.months ?? DEFAULT_MONTHS;
    try {
      const job = await this.jobs.enqueue({
        id: randomUUID(),
        requestedBy: user.userId,
        definitionKey: key,
        definitionSource,
        scriptSource,
        months,
        days: Math.round(months * DAYS_PER_MONTH),
      });
      return this.response(job);
    } catch (error) {
      if (!(error instanceof SimulationAlreadyActiveError)) throw error;
      const message = `Your simulation ${error.active.id} of ${error.active.definitionKey} is still ${error.active.status}: wait for it or cancel it`;
      throw new SimulationException(ErrorCode.SIMULATION_ALREADY_RUNNING, message, [{ path: 'id', message: error.active.id }]);
    }
  }

  async find(id: string): Promise<SimulationJobResponse> {
    const job = await this.jobs.find(id);
    if (!job) throw new SimulationException(ErrorCode.SIMULATION_NOT_FOUND, `No simulation ${id}`);
    return this.response(job);
  }

  async latest(user: AuthUser): Promise<SimulationJobResponse[]> {
    const jobs = await this.jobs.latestOf(user.userId, 10);
    return Promise.all(jobs.map((job) => this.response(job)));
  }

  async cancel(id: string): Promise<SimulationJobResponse> {
    const cancelled = await this.jobs.cancel(id);
    if (cancelled) return this.response(cancelled);
    const job = await this.find(id);
    throw new SimulationException(ErrorCode.SIMULATION_ENDED, `Simulation ${id} has already ${job.status === 'cancelled' ? 'been cancelled' : job.status}`);
  }

  /** The actors script shipped beside the key's definition, when there is one. */
  shippedScript(key: string): ActorsScriptResponse | undefined {
    // Only a key's own spelling names a file: nothing else can reach outside the folder.
    if (!/^[a-z0-9][a-z0-9-]*$/.test(key)) return undefined;
    const file = path.join(definitionsDir(this.config.ACCORD_DEFINITIONS_DIR), `${key}.actors.yaml`);
    return fs.existsSync(file) ? { key, source: fs.readFileSync(file, 'utf8') } : undefined;
  }

  private checked(definitionSource: string, scriptSource: string) {
    try {
      return simulationInput(definitionSource, scriptSource);
    } catch (error) {
      if (!(error instanceof SimulationInputError)) throw error;
      const field = error.source === 'definition' ? 'source' : 'script';
      throw new SimulationException(
        ErrorCode.SIMULATION_INPUT_INVALID,
        `The ${error.source} cannot be simulated`,
        error.problems.map((problem) => ({ path: problem.path ? `${field}.${problem.path}` : field, message: problem.message })),
      );
    }
  }

  /** Refuses, politely, a job nothing here would run, or one that would wait too long. */
  private async assertRoom(): Promise<void> {
    const { slots, queued } = await this.jobs.capacity();
    if (slots === 0) {
      throw new SimulationException(
        ErrorCode.SIMULATION_UNAVAILABLE,
        'No worker here can run simulations at the moment: a worker hosts them when ACCORD_TEMPORAL_TEST_SERVER names the time-skipping test server. Try `npm run accord -- simulate` on your machine meanwhile.',
      );
    }
    if (queued >= QUEUE_PER_SLOT * slots) {
      throw new SimulationException(
        ErrorCode.SIMULATION_BUSY,
        `All ${slots} simulation slots are taken and ${queued} simulations wait: try again in a minute`,
        [],
        RETRY_AFTER_SECONDS,
      );
    }
  }

  private async response(job: SimulationJobRecord): Promise<SimulationJobResponse> {
    return {
      id: job.id,
      definitionKey: job.definitionKey,
      months: job.months,
      status: job.status,
      day: job.day,
      days: job.days,
      ...(job.status === 'queued' ? { ahead: await this.jobs.aheadOf(job) } : {}),
      requestedBy: job.requestedBy,
      createdAt: job.createdAt.toISOString(),
      startedAt: job.startedAt?.toISOString() ?? null,
      finishedAt: job.finishedAt?.toISOString() ?? null,
      report: job.report,
      failure: job.failure,
    };
  }
}
