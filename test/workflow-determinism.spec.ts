import fs from 'node:fs';
import path from 'node:path';

// Workflow code is replayed: everything it imports must be deterministic and free of I/O.
// This walks the import graph from workflows/ through the @accord libraries it uses.
const root = path.resolve(__dirname, '..');
// xstate steps approvals with its pure transition(); cel-js evaluates conditions (CEL has no clock, randomness or I/O).
const ALLOWED_PACKAGES = ['@temporalio/workflow', '@temporalio/common', 'xstate', '@marcbachmann/cel-js'];
const PURE_LIBS = ['contracts', 'approvals', 'domain'];

function importsOf(file: string): string[] {
  const source = fs.readFileSync(file, 'utf8');
  return [...source.matchAll(/^\s*(import|export)\s+(?!type\b)[^'"]*?from\s+'([^']+)'/gm)].map((match) => match[2]);
}

function resolveLocal(from: string, specifier: string): string {
  const base = specifier.startsWith('@accord/')
    ? path.join(root, 'libs', specifier.slice('@accord/'.length), 'src')
    : path.resolve(path.dirname(from), specifier);
  return [`${base}.ts`, path.join(base, 'index.ts')].find((candidate) => fs.existsSync(candidate)) ?? base;
}

function walk(): { visited: string[]; external: { file: string; specifier: string }[] } {
  const seen = new Set<string>();
  const external: { file: string; specifier: string }[] = [];
  const queue = [path.join(root, 'workflows', 'index.ts')];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const specifier of importsOf(file)) {
      if (specifier.startsWith('.') || specifier.startsWith('@accord/')) {
        if (specifier.startsWith('@accord/') && !PURE_LIBS.includes(specifier.slice('@accord/'.length))) external.push({ file, specifier });
        else queue.push(resolveLocal(file, specifier));
      } else {
        external.push({ file, specifier });
      }
    }
  }
  return { visited: [...seen].map((file) => path.relative(root, file)), external };
}

describe('workflow code', () => {
  it('imports only deterministic packages (no Node built-ins, database or network clients)', () => {
    const { visited, external } = walk();
    expect(visited).toEqual(
      expect.arrayContaining([
        'workflows/stage.workflow.ts',
        'workflows/stage/stage-run.ts',
        'workflows/steps/approval.step.ts',
        'workflows/cadence/schedule.ts',
        'libs/approvals/src/approval-policy.machine.ts',
        'libs/domain/src/form-data-validation.ts',
      ]),
    );
    const offending = external
      .filter(({ specifier }) => !ALLOWED_PACKAGES.includes(specifier))
      .map(({ file, specifier }) => `${path.relative(root, file)} imports ${specifier}`);
    expect(offending).toEqual([]);
  });

  it('never reads the wall clock or randomness directly', () => {
    const files = fs.readdirSync(path.join(root, 'workflows'), { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.ts'));
    const pure = PURE_LIBS.flatMap((lib) =>
      fs
        .readdirSync(path.join(root, 'libs', lib, 'src'))
        .filter((name) => name.endsWith('.ts') && !name.endsWith('.spec.ts'))
        .map((name) => path.join('libs', lib, 'src', name)),
    );
    const offending = [...files.map((name) => path.join('workflows', name)), ...pure].filter((file) =>
      /Math\.random\(|process\.env|performance\.now\(/.test(fs.readFileSync(path.join(root, file), 'utf8')),
    );
    expect(offending).toEqual([]);
  });
});
