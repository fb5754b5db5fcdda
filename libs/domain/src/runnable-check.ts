import type { CompiledDefinition, FieldError, ProcessVariables, ServiceAction, StepType, VariableType } from '@accord/contracts';
import { stepsWithin } from './steps-within';

/** Step types the workflows of this engine version can run. */
export const RUNNABLE_STEP_TYPES: readonly StepType[] = ['task', 'approval', 'timer', 'gate', 'parallel', 'meeting', 'cadence', 'service'];

/** Service actions this engine version runs; the assessment report is still to come. */
export const RUNNABLE_SERVICE_ACTIONS: readonly ServiceAction[] = [
  'set-variables',
  'notify',
  'write-expectation-document',
  'publish-baseline',
  'compute-metrics',
  'record-kpis',
  'record-deviation-analysis',
  'incentive-recommendation',
  'customer-analytics',
];

/**
 * What in a valid definition this engine version cannot run yet, so that a project is
 * refused at start instead of failing months later at the first such step.
 */
export function runnableProblems(compiled: CompiledDefinition): string[] {
  const problems: string[] = [];
  const steps = stepsWithin(compiled.stages.flatMap((stage) => stage.steps));
  const unsupported = [...new Set(steps.map((step) => step.type))].filter((type) => !RUNNABLE_STEP_TYPES.includes(type));
  if (unsupported.length > 0) problems.push(`${unsupported.join(', ')} steps cannot run yet`);
  const actions = [...new Set(steps.flatMap((step) => (step.type === 'service' ? [step.action] : [])))].filter(
    (action) => !RUNNABLE_SERVICE_ACTIONS.includes(action),
  );
  if (actions.length > 0) problems.push(`service actions ${actions.join(', ')} cannot run yet`);
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
