import { type MigrateProjectInput, SYSTEM_ACTOR } from '@accord/contracts';
import { stagesAfter } from '@accord/domain';
import { activities } from '../activities.proxy';
import { sequenceOf, variablesOf } from './pinned-definition';
import type { ProjectRun } from './project-run';

/** Applies an accepted migration at the stage boundary after `afterStage`: the stages still to run come from the target version. */
export async function migrate(project: ProjectRun, request: MigrateProjectInput, afterStage: string): Promise<void> {
  const from = project.definition.version;
  project.definition = request.target;
  project.variables = { ...variablesOf(project.definition), ...project.variables };
  const order = sequenceOf(project.definition);
  project.remaining = stagesAfter(project.definition.compiled, afterStage).filter((id) => order.includes(id));
  project.pendingMigration = undefined;
  await activities.recordProjectMigrated({
    projectId: project.projectId,
    definitionVersion: project.definition.version,
    audit: project.audit(`migration:${request.requestId}:applied`, {
      action: 'project.migrated',
      actor: SYSTEM_ACTOR,
      requestId: request.requestId,
      subject: afterStage,
      detail: { from, to: project.definition.version, stagesToRun: project.remaining },
    }),
  });
}
