import fs from 'node:fs';
import path from 'node:path';
import { compileDefinition } from '@accord/definitions';
import { type ActorsScript, parseActorsScript } from '@accord/simulation';

const DEFINITIONS = path.resolve(__dirname, '../../definitions');

/** A shipped definition's actors script (`definitions/<key>.actors.yaml`), checked against the definition. */
export function shippedScript(key: string): ActorsScript {
  const compiled = compileDefinition(fs.readFileSync(path.join(DEFINITIONS, `${key}.yaml`), 'utf8'));
  if (!compiled.ok) throw new Error(`${key}.yaml does not compile`);
  const parsed = parseActorsScript(fs.readFileSync(path.join(DEFINITIONS, `${key}.actors.yaml`), 'utf8'), compiled.compiled);
  if (!parsed.ok) throw new Error(`${key}.actors.yaml: ${JSON.stringify(parsed.errors)}`);
  return parsed.script;
}

/** The script's people as project members: one per role. */
export function scriptMembers(script: ActorsScript): { user: string; role: string }[] {
  return Object.entries(script.people).map(([role, user]) => ({ user, role }));
}
