import fs from 'node:fs';
import path from 'node:path';
import { compileDefinition } from './definition.compiler';
import { isDefinitionFile } from './definition-files';

const SOURCE = `key: review
name: Review
starters: [pm]
roles: { pm: {}, customer: { name: Customer contact, external: true } }
stages:
  - id: review
    steps:
      - { id: draft, type: task, assignee: { role: pm } }
      - { id: sign, type: approval, policy: { kind: single, approvers: [ { role: customer } ] } }
`;

/** What `withHandlers` below with a plain `{ signal, start }` handler compiled to before handlers could say more. */
const PLAIN_HANDLER_CHECKSUM = '40313c28bdc66ee39b3007fd329b4225fe8fd474300648aff0260c4ea5ad0bb5';

function compiled(source: string) {
  const result = compileDefinition(source);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.compiled;
}

describe(compileDefinition.name, () => {
  it('fills the defaults a workflow relies on', () => {
    const sut = compiled(SOURCE);
    expect(sut.roles).toEqual({ customer: { name: 'Customer contact', external: true }, pm: { name: 'pm', external: false } });
    expect(sut.forms).toEqual({});
    expect(sut.stages[0]).toMatchObject({ id: 'review', name: 'review' });
    expect(sut.stages[0].steps[0]).toMatchObject({ id: 'draft', name: 'draft', type: 'task', outcomes: ['done'] });
  });

  it('gives equal content the same checksum, whatever the key order and layout', () => {
    const reordered = SOURCE.replace(
      'roles: { pm: {}, customer: { name: Customer contact, external: true } }',
      'roles:\n  customer: { external: true, name: Customer contact }\n  pm: {}',
    );
    expect(compiled(reordered).checksum).toBe(compiled(SOURCE).checksum);
  });

  it('gives changed content another checksum', () => {
    expect(compiled(SOURCE.replace('name: Review', 'name: Customer review')).checksum).not.toBe(compiled(SOURCE).checksum);
  });

  it('returns the errors instead of a definition when the source is invalid', () => {
    const result = compileDefinition(SOURCE.replace('role: customer', 'role: buyer'));
    expect(result).toEqual({ ok: false, errors: [expect.objectContaining({ code: 'UNKNOWN_ROLE' })] });
  });

  describe('who raises a signal and the form of its data', () => {
    const withHandlers = (handlers: string) =>
      `${SOURCE.replace('roles: {', 'forms: { change: { type: object, properties: { reason: { type: string } } } }\nroles: {')}    on:\n${handlers}  - id: adjust\n    trigger: on-demand\n    steps: [ { id: propose, type: task, assignee: { role: pm } } ]\n`;

    it('keeps raisedBy and form where a handler declares them', () => {
      const sut = compiled(withHandlers('      - { signal: change-request, start: adjust, raisedBy: [customer, pm], form: change }\n'));
      expect(sut.stages[0].on).toEqual([{ signal: 'change-request', start: 'adjust', raisedBy: ['customer', 'pm'], form: 'change' }]);
    });

    it('adds nothing to a handler that declares neither, so its definition keeps its checksum', () => {
      const plain = compiled(withHandlers('      - { signal: change-request, start: adjust }\n'));
      expect(plain.stages[0].on).toEqual([{ signal: 'change-request', start: 'adjust' }]);
      // The checksum such a definition had before handlers could declare anything more.
      expect(plain.checksum).toBe(PLAIN_HANDLER_CHECKSUM);
    });
  });

  it('compiles every shipped definition', () => {
    const dir = path.resolve(__dirname, '../../../definitions');
    const files = fs.readdirSync(dir).filter(isDefinitionFile);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      expect({ file, errors: compileDefinition(fs.readFileSync(path.join(dir, file), 'utf8')) }).toEqual({
        file,
        errors: expect.objectContaining({ ok: true }),
      });
    }
  });
});
