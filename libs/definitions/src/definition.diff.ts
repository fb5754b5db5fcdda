import type { CompiledDefinition, CompiledStage, CompiledStep } from '@accord/contracts';
import { canonicalize } from './canonical-json';

/** One structural difference between two definition versions, for people and for code. */
export interface DefinitionChange {
  change: 'added' | 'removed' | 'changed';
  /** `stages.set.steps.sign`, `roles.qa`, `forms.expectation-summary`, `name`… */
  path: string;
  description: string;
}

const same = (a: unknown, b: unknown) => JSON.stringify(canonicalize(a)) === JSON.stringify(canonicalize(b));
const show = (value: unknown) => (value === undefined ? '(none)' : typeof value === 'object' ? JSON.stringify(canonicalize(value)) : String(value));

/** What differs in the top-level fields of two objects, as `field: old → new`. */
function fieldChanges(from: object, to: object, ignore: string[] = []): string[] {
  const a = from as Record<string, unknown>;
  const b = to as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((key) => !ignore.includes(key)).sort();
  return keys.filter((key) => !same(a[key], b[key])).map((key) => `${key}: ${show(a[key])} → ${show(b[key])}`);
}

function diffById<T>(
  what: string,
  path: string,
  from: Record<string, T>,
  to: Record<string, T>,
  changed: (id: string, a: T, b: T) => DefinitionChange[],
  label: (id: string) => string = (id) => id,
): DefinitionChange[] {
  const changes: DefinitionChange[] = [];
  for (const id of Object.keys(from)) {
    if (!(id in to)) changes.push({ change: 'removed', path: `${path}.${id}`, description: `${what} "${label(id)}" removed` });
  }
  for (const [id, value] of Object.entries(to)) {
    if (!(id in from)) changes.push({ change: 'added', path: `${path}.${id}`, description: `${what} "${label(id)}" added` });
    else changes.push(...changed(id, from[id], value));
  }
  return changes;
}

const byId = <T extends { id: string }>(items: T[]) => Object.fromEntries(items.map((item) => [item.id, item]));

function diffSteps(stageId: string, from: CompiledStage, to: CompiledStage): DefinitionChange[] {
  const path = `stages.${stageId}.steps`;
  const changes = diffById<CompiledStep>(
    'step',
    path,
    byId(from.steps),
    byId(to.steps),
    (id, a, b) => {
      const fields = fieldChanges(a, b);
      return fields.length === 0 ? [] : [{ change: 'changed', path: `${path}.${id}`, description: `step "${stageId}.${id}" changed: ${fields.join('; ')}` }];
    },
    (id) => `${stageId}.${id}`,
  );
  const kept = (stage: CompiledStage, other: CompiledStage) => stage.steps.map((step) => step.id).filter((id) => other.steps.some((step) => step.id === id));
  if (!same(kept(from, to), kept(to, from))) {
    changes.push({
      change: 'changed',
      path,
      description: `steps of stage "${stageId}" reordered: ${kept(from, to).join(', ')} → ${kept(to, from).join(', ')}`,
    });
  }
  return changes;
}

/** Stages, steps, roles, forms and top-level fields added, removed or changed from one version to another. */
export function diffDefinitions(from: CompiledDefinition, to: CompiledDefinition): DefinitionChange[] {
  const changes: DefinitionChange[] = fieldChanges(from, to, ['checksum', 'roles', 'forms', 'stages']).map((description) => ({
    change: 'changed',
    path: description.slice(0, description.indexOf(':')),
    description,
  }));
  changes.push(
    ...diffById('role', 'roles', from.roles, to.roles, (id, a, b) => {
      const fields = fieldChanges(a, b);
      return fields.length === 0 ? [] : [{ change: 'changed', path: `roles.${id}`, description: `role "${id}" changed: ${fields.join('; ')}` }];
    }),
    ...diffById('form', 'forms', from.forms, to.forms, (id, a, b) =>
      same(a, b) ? [] : [{ change: 'changed', path: `forms.${id}`, description: `form "${id}" changed: ${fieldChanges(a, b).join('; ')}` }],
    ),
    ...diffById<CompiledStage>('stage', 'stages', byId(from.stages), byId(to.stages), (id, a, b) => [
      ...(a.name === b.name ? [] : [{ change: 'changed' as const, path: `stages.${id}`, description: `stage "${id}" renamed: ${a.name} → ${b.name}` }]),
      ...diffSteps(id, a, b),
    ]),
  );
  const order = (definition: CompiledDefinition, other: CompiledDefinition) =>
    definition.stages.map((stage) => stage.id).filter((id) => other.stages.some((stage) => stage.id === id));
  if (!same(order(from, to), order(to, from))) {
    changes.push({ change: 'changed', path: 'stages', description: `stages reordered: ${order(from, to).join(', ')} → ${order(to, from).join(', ')}` });
  }
  return changes;
}
