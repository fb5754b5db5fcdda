import { type CompiledDefinition, DEFAULT_CALENDAR } from '@accord/contracts';
import { migrationProblems, stagesAfter } from './migration-check';

const definition = (...stages: string[]): CompiledDefinition => ({
  key: 'review',
  name: 'Review',
  checksum: stages.join(),
  starters: ['pm'],
  roles: { pm: { name: 'pm', external: false } },
  forms: {},
  calendar: DEFAULT_CALENDAR,
  variables: {},
  stages: stages.map((id) => ({ id, name: id, trigger: 'sequence', steps: [], on: [] })),
});

const current = { key: 'review', version: 1, compiled: definition('identify', 'set', 'track', 'assess') };
const at = (currentStage: string, remainingStages: string[]) => ({ current, currentStage, remainingStages, finished: false });

describe(migrationProblems.name, () => {
  it('allows a target that holds the running stage and every stage still to run', () => {
    expect(
      migrationProblems(at('set', ['track', 'assess']), { key: 'review', version: 2, compiled: definition('identify', 'set', 'track', 'adjust', 'assess') }),
    ).toEqual([]);
  });

  it('names every stage still to run that the target lacks', () => {
    const target = { key: 'review', version: 2, compiled: definition('identify', 'set') };
    expect(migrationProblems(at('set', ['track', 'assess']), target)).toEqual([
      'stage "track", still to run, is not in v2',
      'stage "assess", still to run, is not in v2',
    ]);
  });

  it('refuses a target without the running stage', () => {
    expect(migrationProblems(at('set', []), { key: 'review', version: 2, compiled: definition('identify') })).toEqual([
      'stage "set", running now, is not in v2',
    ]);
  });

  it('refuses an ended project, another key, and the version it already runs on', () => {
    expect(migrationProblems({ ...at('set', []), finished: true }, { ...current, version: 2 })).toEqual(['the project has ended']);
    expect(migrationProblems(at('set', []), { ...current, key: 'other', version: 2 })).toEqual(['the target is a version of other, not of review']);
    expect(migrationProblems(at('set', []), current)).toEqual(['the project already runs on v1']);
  });
});

describe(stagesAfter.name, () => {
  it("runs the target's stages that follow the one that just ended", () => {
    expect(stagesAfter(definition('identify', 'set', 'adjust', 'track'), 'set')).toEqual(['adjust', 'track']);
  });
});
