/**
 * Whether a file in a definitions folder is a process definition. Actors scripts for the
 * simulator (`<definition>.actors.yaml`) sit beside their definition and are not one.
 */
export function isDefinitionFile(name: string): boolean {
  return /\.ya?ml$/.test(name) && !isActorsScriptFile(name);
}

export function isActorsScriptFile(name: string): boolean {
  return /\.actors\.ya?ml$/.test(name);
}

/** Where the simulator looks for a definition's default actors script. */
export function defaultActorsScriptPath(definitionPath: string): string {
  return definitionPath.replace(/\.ya?ml$/, '') + '.actors.yaml';
}
