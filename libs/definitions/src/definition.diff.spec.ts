import type { CompiledDefinition } from '@accord/contracts';
import { compileDefinition } from './definition.compiler';
import { diffDefinitions } from './definition.diff';

const V1 = `key: review
name: Review
starters: [pm]
roles: { pm: {}, customer: { external: true } }
stages:
  - id: draft
    steps:
      - { id: write, type: task, assignee: { role: pm }, due: P3D }
      - { id: sign, type: approval, policy: { kind: all, approvers: [ { role: pm }, { role: customer } ] } }
  - id: wait
    steps:
      - { id: pause, type: timer, duration: P1W }
`;

function compiled(source: string): CompiledDefinition {
  const result = compileDefinition(source);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.compiled;
}

const describeChanges = (to: string) => diffDefinitions(compiled(V1), compiled(to)).map((change) => change.description);

describe(diffDefinitions.name, () => {
  it('finds nothing between a version and itself', () => {
    expect(diffDefinitions(compiled(V1), compiled(V1))).toEqual([]);
  });

  it('names a changed step and the fields that changed', () => {
    expect(describeChanges(V1.replace('due: P3D', 'due: P5D'))).toEqual(['step "draft.write" changed: due: P3D → P5D']);
  });

  it('names added and removed stages and steps', () => {
    const to = V1.replace(/ {2}- id: wait[\s\S]*$/, '  - id: close\n    steps:\n      - { id: archive, type: timer, duration: P1D }\n').replace(
      '      - { id: write, type: task, assignee: { role: pm }, due: P3D }\n',
      '',
    );
    expect(describeChanges(to)).toEqual(['stage "wait" removed', 'step "draft.write" removed', 'stage "close" added']);
  });

  it('names roles added and the top-level fields changed', () => {
    const to = V1.replace('name: Review', 'name: Customer review').replace(
      'roles: { pm: {}, customer: { external: true } }',
      'roles: { pm: {}, qa: {}, customer: { external: true } }',
    );
    expect(describeChanges(to)).toEqual(['name: Review → Customer review', 'role "qa" added']);
  });

  it('notices steps that only moved', () => {
    const to = V1.replace(
      '      - { id: write, type: task, assignee: { role: pm }, due: P3D }\n      - { id: sign, type: approval, policy: { kind: all, approvers: [ { role: pm }, { role: customer } ] } }\n',
      '      - { id: sign, type: approval, policy: { kind: all, approvers: [ { role: pm }, { role: customer } ] } }\n      - { id: write, type: task, assignee: { role: pm }, due: P3D }\n',
    );
    expect(describeChanges(to)).toEqual(['steps of stage "draft" reordered: write, sign → sign, write']);
  });
});
