import fs from 'node:fs';
import path from 'node:path';
import type { CompiledDefinition } from '@accord/contracts';
import { compileDefinition } from '@accord/definitions';
import { type ActorsScript, parseActorsScript } from '@accord/simulation';

const DEFINITIONS = path.resolve(__dirname, '../../definitions');

/** A shipped definition (`definitions/<key>.yaml`), compiled. */
export function shippedDefinition(key: string): CompiledDefinition {
  const compiled = compileDefinition(fs.readFileSync(path.join(DEFINITIONS, `${key}.yaml`), 'utf8'));
  if (!compiled.ok) throw new Error(`${key}.yaml does not compile`);
  return compiled.compiled;
}

/**
 * A shipped definition's actors script (`definitions/<key>.actors.yaml`), checked against the
 * definition, its project days (`day 84`) made dates counted from `start` (by default now).
 */
export function shippedScript(key: string, start?: Date): ActorsScript {
  const parsed = parseActorsScript(fs.readFileSync(path.join(DEFINITIONS, `${key}.actors.yaml`), 'utf8'), shippedDefinition(key), start);
  if (!parsed.ok) throw new Error(`${key}.actors.yaml: ${JSON.stringify(parsed.errors)}`);
  return parsed.script;
}

/** The script's people as project members: one per role. */
export function scriptMembers(script: ActorsScript): { user: string; role: string }[] {
  return Object.entries(script.people).map(([role, user]) => ({ user, role }));
}
