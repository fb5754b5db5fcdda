import { createHash } from 'node:crypto';
import type { Assignee, CompiledDefinition, CompiledRole, CompiledStage, CompiledStep, FormSchema } from '@accord/contracts';
import { canonicalize } from './canonical-json';
import type { DefinitionError } from './definition-error';
import { parseDefinitionSource } from './definition-source.parser';
import { validateDefinition } from './definition.validator';

export type CompileResult = { ok: true; compiled: CompiledDefinition } | { ok: false; errors: DefinitionError[] };

// The validator has checked every shape below; these types only describe it.
interface SourceStep {
  id: string;
  name?: string;
  type: CompiledStep['type'];
  assignee?: Assignee;
  form?: string;
  outcomes?: string[];
  due?: string;
  policy?: { kind: 'single' | 'sequential' | 'all' | 'any' | 'quorum'; approvers: Assignee[]; quorum?: number };
  duration?: string;
}

interface SourceDefinition {
  key: string;
  name: string;
  description?: string;
  starters: string[];
  roles: Record<string, { name?: string; external?: boolean } | null>;
  forms?: Record<string, FormSchema>;
  stages: { id: string; name?: string; steps: SourceStep[] }[];
}

function compileStep(step: SourceStep): CompiledStep {
  const name = step.name ?? step.id;
  switch (step.type) {
    case 'task':
      return { id: step.id, name, type: 'task', assignee: step.assignee!, form: step.form, outcomes: step.outcomes ?? ['done'], due: step.due };
    case 'approval':
      return { id: step.id, name, type: 'approval', policy: step.policy!, form: step.form };
    case 'timer':
      return { id: step.id, name, type: 'timer', duration: step.duration! };
  }
}

/** Validates and compiles a definition into the plain, checksummed JSON that project workflows run. */
export function compileDefinition(source: string): CompileResult {
  const errors = validateDefinition(source);
  if (errors.length > 0) return { ok: false, errors };
  const document = parseDefinitionSource(source).value as SourceDefinition;
  const roles: Record<string, CompiledRole> = Object.fromEntries(
    Object.entries(document.roles).map(([id, role]) => [id, { name: role?.name ?? id, external: role?.external ?? false }]),
  );
  const stages: CompiledStage[] = document.stages.map((stage) => ({ id: stage.id, name: stage.name ?? stage.id, steps: stage.steps.map(compileStep) }));
  const content = canonicalize({
    key: document.key,
    name: document.name,
    description: document.description,
    starters: document.starters,
    roles,
    forms: document.forms ?? {},
    stages,
  });
  const checksum = createHash('sha256').update(JSON.stringify(content)).digest('hex');
  return { ok: true, compiled: canonicalize({ ...content, checksum }) };
}
