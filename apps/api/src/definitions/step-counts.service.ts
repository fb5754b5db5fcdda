import { Injectable } from '@nestjs/common';
import { DefinitionVersionsRepository } from '@accord/persistence';
import { stepPath, taskPaths } from '../projects/project-position.steps';
import { DefinitionRegistryService } from './definition-registry.service';
import type { StepCountResponse, StepCountsResponse } from './step-counts.responses';

/** How many running projects of a definition version wait on each step, as Camunda Operate counts instances per activity. */
@Injectable()
export class StepCountsService {
  constructor(
    private readonly versions: DefinitionVersionsRepository,
    private readonly registry: DefinitionRegistryService,
  ) {}

  async counts(key: string, version: number): Promise<StepCountsResponse> {
    const compiled = await this.registry.compiled(key, version);
    const running = await this.versions.runningProjectCount(key, version);
    const rows = await this.versions.openSteps(key, version);
    // A cadence's occurrences count on the cadence; a project counts once per step however many slots it has open.
    const paths = taskPaths(compiled);
    const projects = new Map<string, { stage: string; step: string; ids: Set<string> }>();
    for (const task of rows) {
      const path = paths.get(stepPath(task.stageId, task.stepId));
      if (!path) continue;
      const [stage, step] = [path.slice(0, path.indexOf('/')), path.slice(path.indexOf('/') + 1)];
      const entry = projects.get(path) ?? { stage, step, ids: new Set<string>() };
      entry.ids.add(task.projectId);
      projects.set(path, entry);
    }
    const counts: StepCountResponse[] = [...projects].map(([path, entry]) => ({ path, stage: entry.stage, step: entry.step, projects: entry.ids.size }));
    return { key, version, runningProjects: running, compiled: { ...compiled }, counts };
  }
}
