import { Environment } from '@marcbachmann/cel-js';
import type { VariableType } from '@accord/contracts';

/**
 * Conditions are CEL (Common Expression Language): a small, non-Turing-complete language
 * with no clock, randomness or I/O, so the same inputs always give the same answer and
 * workflows may evaluate it on replay. No `eval` is involved.
 */
/** Names every condition may read besides the definition's own variables. */
export const BUILT_IN_NAMES = ['steps', 'stage', 'project'] as const;

const CEL_TYPES: Record<VariableType, string> = {
  string: 'string',
  // Integers are doubles here: JSON has one number type and CEL's int needs BigInt inputs.
  number: 'double',
  integer: 'double',
  boolean: 'bool',
  date: 'string',
};

/** A CEL environment knowing the definition's variables and the built-in names. */
export function conditionEnvironment(variables: Record<string, VariableType>): Environment {
  const env = new Environment({ unlistedVariablesAreDyn: false });
  for (const name of BUILT_IN_NAMES) env.registerVariable(name, 'map');
  for (const [name, type] of Object.entries(variables)) env.registerVariable(name, CEL_TYPES[type]);
  return env;
}

/** Why a condition is unusable (syntax, unknown name, not a boolean), or undefined when it is fine. */
export function conditionProblem(env: Environment, text: string): string | undefined {
  let result;
  try {
    result = env.check(text);
  } catch (error) {
    return firstLine(error);
  }
  if (!result.valid) return firstLine(result.error);
  if (result.type !== 'bool' && result.type !== 'dyn') return `must be true or false, not ${result.type}`;
  return undefined;
}

/** Evaluates a condition against process data; anything but `true` (including an error) counts as false. */
export function evaluateCondition(env: Environment, text: string, context: Record<string, unknown>): boolean {
  try {
    return env.evaluate(text, context) === true;
  } catch {
    // A condition over data that is not there yet (an unanswered step) is simply not met.
    return false;
  }
}

function firstLine(error: unknown): string {
  return String((error as Error | undefined)?.message ?? error).split('\n')[0];
}
