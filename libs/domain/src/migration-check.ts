import type { CompiledDefinition } from '@accord/contracts';

export interface MigrationPosition {
  /** The version the project runs on now. */
  current: { key: string; version: number; compiled: CompiledDefinition };
  /** The stage running now; the migration takes effect when it ends. */
  currentStage: string | undefined;
  /** Stages of the current version still to run after the current one. */
  remainingStages: string[];
  finished: boolean;
}

/**
 * Why a project cannot move to `target`, or nothing when it can: the stage running now and
 * every stage still to run must exist in the target (same ids), so the rest of the path exists.
 */
export function migrationProblems(position: MigrationPosition, target: { key: string; version: number; compiled: CompiledDefinition }): string[] {
  if (position.finished) return ['the project has ended'];
  if (target.key !== position.current.key) return [`the target is a version of ${target.key}, not of ${position.current.key}`];
  if (target.version === position.current.version) return [`the project already runs on v${target.version}`];
  const targetStages = new Set(target.compiled.stages.map((stage) => stage.id));
  const problems: string[] = [];
  if (position.currentStage && !targetStages.has(position.currentStage)) {
    problems.push(`stage "${position.currentStage}", running now, is not in v${target.version}`);
  }
  for (const stage of position.remainingStages) {
    if (!targetStages.has(stage)) problems.push(`stage "${stage}", still to run, is not in v${target.version}`);
  }
  return problems;
}

/** The stages a migrated project runs after `afterStage`: the target's stages that follow it. */
export function stagesAfter(compiled: CompiledDefinition, afterStage: string): string[] {
  const ids = compiled.stages.map((stage) => stage.id);
  return ids.slice(ids.indexOf(afterStage) + 1);
}
