import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { stepPath, taskPaths } from '../projects/project-position.steps';
import { DefinitionRegistryService } from './definition-registry.service';
import type { StepCountResponse, StepCountsResponse } from './step-counts.responses';

/** How many running projects of a definition version wait on each step, as Camunda Operate counts instances per activity. */
@Injectable()
export class StepCountsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: DefinitionRegistryService,
  ) {}

  async counts(key: string, version: number): Promise<StepCountsResponse> {
    const row = await this.registry.version(key, version);
    const [running] = await this.dataSource.query<{ count: string }[]>(
      `SELECT count(*) AS count FROM projects WHERE definition_key = $1 AND definition_version = $2 AND status = 'running'`,
      [key, version],
    );
    const rows = await this.dataSource.query<{ stage_id: string; step_id: string; project_id: string }[]>(
      `SELECT DISTINCT task.stage_id, task.step_id, task.project_id
         FROM tasks task JOIN projects project ON project.id = task.project_id
        WHERE project.definition_key = $1 AND project.definition_version = $2 AND project.status = 'running' AND task.status = 'open'`,
      [key, version],
    );
    // A cadence's occurrences count on the cadence; a project counts once per step however many slots it has open.
    const paths = taskPaths(row.compiled);
    const projects = new Map<string, { stage: string; step: string; ids: Set<string> }>();
    for (const task of rows) {
      const path = paths.get(stepPath(task.stage_id, task.step_id));
      if (!path) continue;
      const [stage, step] = [path.slice(0, path.indexOf('/')), path.slice(path.indexOf('/') + 1)];
      const entry = projects.get(path) ?? { stage, step, ids: new Set<string>() };
      entry.ids.add(task.project_id);
      projects.set(path, entry);
    }
    const counts: StepCountResponse[] = [...projects].map(([path, entry]) => ({ path, stage: entry.stage, step: entry.step, projects: entry.ids.size }));
    return { key, version, runningProjects: Number(running.count), compiled: { ...row.compiled }, counts };
  }
}
