import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { compileDefinition } from './definition.compiler';
import { DefinitionErrorCode } from './definition-error';
import { validateDefinition } from './definition.validator';
import { isDefinitionFile } from './definition-files';

// Property-based: whatever an admin pastes, the validator answers with errors it can
// point at, and never throws. Seeded so a failure reproduces.
const definitionsDir = path.resolve(__dirname, '../../../definitions');
const shipped = fs
  .readdirSync(definitionsDir)
  .filter(isDefinitionFile)
  .map((name) => fs.readFileSync(path.join(definitionsDir, name), 'utf8'));
const CODES = new Set<string>(Object.values(DefinitionErrorCode));
const SETTINGS = { seed: 20261124, numRuns: 300 };

function assertWellFormed(source: string): void {
  const errors = validateDefinition(source);
  // The validator's last-resort catch would hide a rule that crashed: that is a bug too.
  expect(errors.filter((error) => error.message.startsWith('the document could not be checked'))).toEqual([]);
  for (const error of errors) {
    expect(CODES.has(error.code)).toBe(true);
    expect(typeof error.path).toBe('string');
    expect(typeof error.message).toBe('string');
    expect(error.line).toBeGreaterThanOrEqual(1);
    expect(error.column).toBeGreaterThanOrEqual(1);
  }
  const compiled = compileDefinition(source);
  expect(compiled.ok).toBe(errors.length === 0);
}

type Json = unknown;
type Mutation = { at: number; kind: 'replace' | 'delete' | 'duplicate'; value: Json };

/** Applies a mutation to the `at`-th node (in walk order) of a parsed definition. */
function mutate(document: Json, { at, kind, value }: Mutation): Json {
  let index = 0;
  const visit = (node: Json): Json => {
    if (index++ === at) return kind === 'replace' ? value : kind === 'duplicate' && Array.isArray(node) ? [...node, ...node] : undefined;
    if (Array.isArray(node)) return node.map(visit).filter((child) => child !== undefined);
    if (typeof node === 'object' && node !== null) {
      return Object.fromEntries(
        Object.entries(node)
          .map(([key, child]) => [key, visit(child)] as const)
          .filter(([, child]) => child !== undefined),
      );
    }
    return node;
  };
  return visit(document);
}

/** Billion laughs: `levels` anchors, each a list of `width` aliases to the one before. */
function laughs(levels: number, width: number): string {
  const lines = [`l0: &l0 [${Array(width).fill('lol').join(', ')}]`];
  for (let level = 1; level < levels; level++)
    lines.push(
      `l${level}: &l${level} [${Array(width)
        .fill(`*l${level - 1}`)
        .join(', ')}]`,
    );
  return lines.join('\n');
}

/** YAML that has hurt parsers: deep nesting, unclosed brackets, alias bombs, odd scalars and tags, very long keys. */
const hostileYaml = fc.oneof(
  fc.tuple(fc.constantFrom('[', '{a: ', '- ', '? ', '{? '), fc.integer({ min: 1, max: 3_000 }), fc.boolean()).map(([open, depth, closed]) => {
    const close = open.startsWith('[') ? ']' : open.startsWith('{') ? '}' : '';
    return open.repeat(depth) + 'x' + (closed ? close.repeat(depth) : '');
  }),
  fc.integer({ min: 1, max: 200 }).map((depth) => Array.from({ length: depth }, (_, level) => `${'  '.repeat(level)}a:`).join('\n') + ' x'),
  fc.tuple(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 10 })).map(([levels, width]) => laughs(levels, width)),
  fc.constantFrom(
    '.nan',
    '-.inf',
    '.Inf',
    '1e400',
    '0x1F',
    '0o17',
    '~',
    '!!binary aGk=',
    '!!set { a, b }',
    '!!omap [ a: 1 ]',
    '!!timestamp 2027-02-30',
    '!custom x',
    '*missing',
    '&a [ *a ]',
    '&a { b: *a }',
    '? [ a ]\n: 1',
    '"\\u0000"',
  ),
  fc.tuple(fc.integer({ min: 1_000, max: 100_000 }), fc.constantFrom('', '? ', '"')).map(([length, style]) => {
    const key = 'k'.repeat(length);
    return style === '"' ? `"${key}": 1` : `${style}${key}${style ? '\n' : ''}: 1`;
  }),
);

describe(`${validateDefinition.name} under random input`, () => {
  it('never throws on hostile YAML, alone or where a definition holds a value', () => {
    const signoff = shipped.find((source) => source.includes('\nkey: expectation-signoff'))!;
    const placements: Array<(yaml: string) => string> = [
      (yaml) => yaml,
      (yaml) => `forms:\n  ${yaml.replace(/\n/g, '\n  ')}\n`,
      (yaml) => signoff.replace(/^stages:/m, `variables: ${yaml.includes('\n') ? `\n  ${yaml.replace(/\n/g, '\n  ')}` : yaml}\nstages:`),
    ];
    fc.assert(
      fc.property(hostileYaml, fc.nat({ max: placements.length - 1 }), (yaml, at) => assertWellFormed(placements[at](yaml))),
      { ...SETTINGS, numRuns: 150 },
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => assertWellFormed(text)),
      SETTINGS,
    );
  });

  it('never throws on arbitrary YAML values', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (value) => assertWellFormed(stringify(value))),
      SETTINGS,
    );
  });

  it('never throws on shipped definitions with a node replaced, removed or duplicated', () => {
    const mutation = fc.record({
      at: fc.nat({ max: 400 }),
      kind: fc.constantFrom<Mutation['kind']>('replace', 'delete', 'duplicate'),
      value: fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom('P3D', 'pm', 'customer', 'task', 'approval', 'timer', 'quorum', -1, 0, null)),
    });
    for (const source of shipped) {
      const document = parse(source);
      fc.assert(
        fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => assertWellFormed(stringify(mutations.reduce(mutate, document)))),
        SETTINGS,
      );
    }
  });

  it('never throws on shipped definitions cut off at any point', () => {
    for (const source of shipped) {
      fc.assert(
        fc.property(fc.nat({ max: source.length }), (end) => assertWellFormed(source.slice(0, end))),
        SETTINGS,
      );
    }
  });
});
