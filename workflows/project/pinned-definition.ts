import type { PinnedDefinition, ProcessVariables } from '@accord/contracts';

/** The definition's variable defaults, overridden by what the project was started with. */
export function variablesOf(pinned: PinnedDefinition, given: ProcessVariables = {}): ProcessVariables {
  const defaults = Object.entries(pinned.compiled.variables).filter(([, variable]) => variable.default !== undefined);
  return { ...Object.fromEntries(defaults.map(([name, variable]) => [name, variable.default!])), ...given };
}

/** The stages the project runs one after the other, in order; the others start on events. */
export const sequenceOf = (pinned: PinnedDefinition) => pinned.compiled.stages.filter((stage) => stage.trigger === 'sequence').map((stage) => stage.id);
