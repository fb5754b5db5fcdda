import type { CompiledDefinition, FieldError } from '@accord/contracts';
import { compileDefinition } from '@accord/definitions';
import { runnableProblems } from '@accord/domain';
import { type ActorsScript, parseActorsScript } from './actors-script';

/** The definition or script cannot be simulated: every reason, with paths. */
export class SimulationInputError extends Error {
  constructor(
    readonly source: 'definition' | 'script',
    readonly problems: FieldError[],
  ) {
    super(`The ${source} cannot be simulated:\n${problems.map((problem) => `  ${problem.path || '(document)'}: ${problem.message}`).join('\n')}`);
    this.name = 'SimulationInputError';
  }
}

/** What a simulation runs: a definition that compiles and can run, and a script that fits it. */
export interface SimulationInput {
  definition: CompiledDefinition;
  script: ActorsScript;
}

/**
 * Compiles the definition and parses the actors script against it, throwing every problem
 * of the first document that has some: the API refuses a simulation job with these before
 * queueing it, and the simulator checks them again before it runs. The script's project days
 * (`day 84`) become dates counted from `start`, by default now.
 */
export function simulationInput(definitionSource: string, scriptSource: string, start?: Date): SimulationInput {
  const compiled = compileDefinition(definitionSource);
  if (!compiled.ok)
    throw new SimulationInputError(
      'definition',
      compiled.errors.map((error) => ({ path: error.path, message: `${error.message}${error.line ? ` (line ${error.line})` : ''}` })),
    );
  const definition = compiled.compiled;
  const notRunnable = runnableProblems(definition);
  if (notRunnable.length > 0)
    throw new SimulationInputError(
      'definition',
      notRunnable.map((message) => ({ path: 'stages', message })),
    );
  const parsed = parseActorsScript(scriptSource, definition, start);
  if (!parsed.ok) throw new SimulationInputError('script', parsed.errors);
  return { definition, script: parsed.script };
}
