import type { CompiledDefinition, CompiledStep, FieldError, ProcessVariables, StepType, VariableType } from '@accord/contracts';

/** Step types the workflows of this engine version can run. */
export const RUNNABLE_STEP_TYPES: readonly StepType[] = ['task', 'approval', 'timer', 'gate', 'parallel'];

function stepTypes(steps: CompiledStep[]): StepType[] {
  return steps.flatMap((step) => [
    step.type,
    ...(step.type === 'parallel' ? step.branches.flatMap((branch) => stepTypes(branch.steps)) : []),
    ...(step.type === 'cadence' ? [step.step.type] : []),
  ]);
}

/**
 * What in a valid definition this engine version cannot run yet, so that a project is
 * refused at start instead of failing months later at the first such step.
 */
export function runnableProblems(compiled: CompiledDefinition): string[] {
  const problems: string[] = [];
  const unsupported = [...new Set(compiled.stages.flatMap((stage) => stepTypes(stage.steps)))].filter((type) => !RUNNABLE_STEP_TYPES.includes(type));
  if (unsupported.length > 0) problems.push(`${unsupported.join(', ')} steps cannot run yet`);
  const handled = compiled.stages.filter((stage) => stage.on.length > 0).map((stage) => stage.id);
  if (handled.length > 0) problems.push(`event handlers (on:) of stages ${handled.join(', ')} cannot run yet`);
  return problems;
}

/** Problems with the variables a project is started with: unknown names, wrong types. */
export function variableProblems(compiled: CompiledDefinition, given: ProcessVariables): FieldError[] {
  return Object.entries(given).flatMap(([name, value]): FieldError[] => {
    const declared = compiled.variables[name];
    const path = `variables.${name}`;
    if (!declared) return [{ path, message: `is not a variable of this definition (${Object.keys(compiled.variables).join(', ') || 'it has none'})` }];
    return fitsVariableType(declared.type, value) ? [] : [{ path, message: `must be a ${declared.type}` }];
  });
}

/** Whether a value suits a variable of `type` (dates as YYYY-MM-DD text). */
export function fitsVariableType(type: VariableType, value: unknown): boolean {
  switch (type) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return Number.isInteger(value);
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
    case 'string':
      return typeof value === 'string';
  }
}
