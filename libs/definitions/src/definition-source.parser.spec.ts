import { DefinitionErrorCode as Code } from './definition-error';
import { DEEPEST_NESTING, parseDefinitionSource } from './definition-source.parser';
import { MOST_ALIASES } from './unsupported-yaml';

/** Mappings nested `levels` deep in block style, one level a line: `a:\n  a:\n    a: leaf`. */
const nestedBlock = (levels: number) => Array.from({ length: levels }, (_, level) => `${'  '.repeat(level)}a:`).join('\n') + ' leaf\n';

const errorsOf = (source: string) => parseDefinitionSource(source).syntaxErrors.map(({ code, path, line, column }) => ({ code, path, line, column }));

describe(parseDefinitionSource.name, () => {
  it('parses a definition into its plain value', () => {
    expect(parseDefinitionSource('key: signoff\nroles: { pm: {} }\n')).toMatchObject({ value: { key: 'signoff', roles: { pm: {} } }, syntaxErrors: [] });
  });

  it(`accepts lists and mappings nested ${DEEPEST_NESTING} levels deep`, () => {
    expect(errorsOf(nestedBlock(DEEPEST_NESTING))).toEqual([]);
  });

  it(`refuses nesting deeper than ${DEEPEST_NESTING} levels, with the path and line where it goes too deep`, () => {
    expect(errorsOf(nestedBlock(DEEPEST_NESTING + 1))).toEqual([
      { code: Code.NESTING_TOO_DEEP, path: Array(DEEPEST_NESTING).fill('a').join('.'), line: 65, column: 129 },
    ]);
  });

  it('refuses 100,000 nested brackets as too deep instead of overflowing the stack', () => {
    expect(errorsOf('['.repeat(100_000) + ']'.repeat(100_000))).toEqual([
      { code: Code.NESTING_TOO_DEEP, path: '[0]'.repeat(DEEPEST_NESTING), line: 1, column: 65 },
    ]);
  });

  it('refuses brackets that are never closed as too deep too', () => {
    expect(errorsOf('{a: '.repeat(50_000)).map((error) => error.code)).toEqual([Code.NESTING_TOO_DEEP]);
  });

  it('reports a key used twice at the second one, with its path', () => {
    expect(errorsOf('roles:\n  pm: {}\n  pm: { name: PM }\n')).toEqual([{ code: Code.YAML_SYNTAX, path: 'roles.pm', line: 3, column: 3 }]);
  });

  it('counts 1 and "1" as the same key, as the JSON they become does', () => {
    expect(errorsOf('roles: { 1: {}, "1": {} }\n')).toEqual([{ code: Code.YAML_SYNTAX, path: 'roles.1', line: 1, column: 17 }]);
  });

  it.each(['!!binary aGk=', '!!set { a }', '!!omap [ a: 1 ]', '!!timestamp 2027-02-03', '!shout yes', '!<tag:example.com,2000:app> x'])(
    'refuses the tag in name: %s',
    (value) => {
      // The library places a node after its tag: the error points at the tagged value.
      expect(errorsOf(`name: ${value}\n`)).toEqual([{ code: Code.UNSUPPORTED_YAML, path: 'name', line: 1, column: value.indexOf(' ') + 8 }]);
    },
  );

  it('accepts the tags of the core schema, such as !!str', () => {
    expect(parseDefinitionSource('name: !!str 12\n')).toMatchObject({ value: { name: '12' }, syntaxErrors: [] });
  });

  it.each(['.nan', '.inf', '-.Inf'])('refuses %s, which JSON cannot hold', (value) => {
    expect(errorsOf(`stages: [ { on: [ { above: ${value} } ] } ]\n`)).toEqual([
      { code: Code.UNSUPPORTED_YAML, path: 'stages[0].on[0].above', line: 1, column: 28 },
    ]);
  });

  it('refuses a date that a YAML 1.1 document turns into a timestamp without a tag', () => {
    expect(errorsOf('%YAML 1.1\n---\ncalendar: { holidays: [2027-02-30] }\n')).toEqual([
      { code: Code.UNSUPPORTED_YAML, path: 'calendar.holidays[0]', line: 3, column: 24 },
    ]);
  });

  it('refuses a key that is a list', () => {
    expect(errorsOf('roles:\n  ? [pm, qa]\n  : {}\n')).toEqual([{ code: Code.UNSUPPORTED_YAML, path: 'roles', line: 2, column: 5 }]);
  });

  it('refuses an alias as a key', () => {
    expect(errorsOf('key: &k pm\nroles: { *k : {} }\n').map((error) => error.code)).toEqual([Code.UNSUPPORTED_YAML]);
  });

  it('refuses an alias inside the value it names, which would be endless', () => {
    expect(errorsOf('forms:\n  f: &f { type: object, properties: { again: *f } }\n')).toEqual([
      { code: Code.UNSUPPORTED_YAML, path: 'forms.f.properties.again', line: 2, column: 46 },
    ]);
  });

  it('expands a few aliases into copies of what they name', () => {
    expect(parseDefinitionSource('a: &ladder [ { after: P1D, do: remind } ]\nb: *ladder\n').value).toEqual({
      a: [{ after: 'P1D', do: 'remind' }],
      b: [{ after: 'P1D', do: 'remind' }],
    });
  });

  it('refuses aliases that expand exponentially (billion laughs), at the first alias', () => {
    const laughs = [
      'a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]',
      ...'bcdefgh'.split('').map((name, index) => `${name}: &${name} [${Array(9).fill(`*${'abcdefgh'[index]}`).join(', ')}]`),
    ].join('\n');
    expect(errorsOf(laughs)).toEqual([{ code: Code.TOO_MANY_ALIASES, path: '', line: 2, column: 8 }]);
  });

  it(`refuses more than ${MOST_ALIASES} aliases, at the first one too many`, () => {
    const aliases = `a: &x 1\nb:\n${'  - *x\n'.repeat(MOST_ALIASES + 1)}`;
    expect(errorsOf(aliases)).toEqual([{ code: Code.TOO_MANY_ALIASES, path: `b[${MOST_ALIASES}]`, line: MOST_ALIASES + 3, column: 5 }]);
  });

  it('refuses a second document in the same text', () => {
    expect(errorsOf('key: a\n---\nkey: b\n')).toEqual([{ code: Code.YAML_SYNTAX, path: '', line: 2, column: 1 }]);
  });

  it('answers a key of a million characters with an error at its line', () => {
    expect(errorsOf(`${'k'.repeat(1_000_000)}: 1\n`)).toEqual([{ code: Code.YAML_SYNTAX, path: '', line: 1, column: 1 }]);
  });
});
