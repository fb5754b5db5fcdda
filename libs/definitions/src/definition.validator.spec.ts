import { DefinitionErrorCode as Code } from './definition-error';
import { validateDefinition } from './definition.validator';

/** A valid document; each test breaks one thing in it. */
const VALID = `key: expectation-signoff
name: Expectation sign-off
starters: [pm]
roles:
  pm: { name: Project manager }
  customer: { external: true }
forms:
  summary:
    type: object
    required: [text]
    properties:
      text: { type: string, minLength: 3 }
stages:
  - id: set
    steps:
      - id: record
        type: task
        assignee: { role: pm }
        form: summary
        due: P3D
      - id: sign
        type: approval
        policy: { kind: all, approvers: [ { role: pm }, { role: customer } ] }
      - id: wait
        type: timer
        duration: P1W
`;

const errorsOf = (source: string) => validateDefinition(source).map(({ code, path, line, column }) => ({ code, path, line, column }));

describe(validateDefinition.name, () => {
  it('accepts a valid definition', () => {
    expect(validateDefinition(VALID)).toEqual([]);
  });

  it('reports YAML syntax errors with their position', () => {
    const [error] = validateDefinition('key: [unclosed\nname: x\n');
    expect(error).toMatchObject({ code: Code.YAML_SYNTAX, line: expect.any(Number), column: expect.any(Number) });
  });

  it('refuses a document that is not a mapping', () => {
    expect(errorsOf('- just\n- a list\n')).toEqual([{ code: Code.WRONG_TYPE, path: '', line: 1, column: 1 }]);
  });

  it('names each missing required property', () => {
    expect(errorsOf('description: nothing else\n').map((e) => `${e.code} ${e.path}`)).toEqual([
      'REQUIRED key',
      'REQUIRED name',
      'REQUIRED roles',
      'REQUIRED starters',
      'REQUIRED stages',
    ]);
  });

  it('points an unknown role at its line and column', () => {
    const source = VALID.replace('assignee: { role: pm }', 'assignee: { role: qa }');
    expect(errorsOf(source)).toEqual([{ code: Code.UNKNOWN_ROLE, path: 'stages[0].steps[0].assignee.role', line: 18, column: 27 }]);
  });

  it('refuses an unknown starter role', () => {
    expect(errorsOf(VALID.replace('starters: [pm]', 'starters: [sales]'))).toEqual([{ code: Code.UNKNOWN_ROLE, path: 'starters[0]', line: 3, column: 12 }]);
  });

  it('refuses an unknown form', () => {
    expect(errorsOf(VALID.replace('form: summary', 'form: minutes'))).toEqual([
      { code: Code.UNKNOWN_FORM, path: 'stages[0].steps[0].form', line: 19, column: 15 },
    ]);
  });

  it('refuses a misspelt property, pointing at the key', () => {
    expect(errorsOf(VALID.replace('due: P3D', 'deu: P3D'))).toEqual([{ code: Code.UNKNOWN_PROPERTY, path: 'stages[0].steps[0].deu', line: 20, column: 9 }]);
  });

  it('refuses duplicate step ids within a stage', () => {
    expect(errorsOf(VALID.replace('- id: wait', '- id: sign'))).toEqual([{ code: Code.DUPLICATE_ID, path: 'stages[0].steps[2].id', line: 24, column: 13 }]);
  });

  it('refuses duplicate stage ids', () => {
    const source = `${VALID}  - id: set\n    steps:\n      - { id: again, type: timer, duration: P1D }\n`;
    expect(errorsOf(source).map((e) => `${e.code} ${e.path}`)).toEqual(['DUPLICATE_ID stages[1].id']);
  });

  it('refuses a duration that is not ISO 8601', () => {
    expect(errorsOf(VALID.replace('due: P3D', 'due: 3 days'))).toEqual([{ code: Code.BAD_DURATION, path: 'stages[0].steps[0].due', line: 20, column: 14 }]);
    expect(errorsOf(VALID.replace('duration: P1W', 'duration: P1X')).map((e) => e.code)).toEqual([Code.BAD_DURATION]);
  });

  it('refuses an approval policy that cannot be decided', () => {
    const quorum = VALID.replace('policy: { kind: all,', 'policy: { kind: quorum, quorum: 3,');
    expect(validateDefinition(quorum)).toEqual([
      expect.objectContaining({
        code: Code.BAD_POLICY,
        path: 'stages[0].steps[1].policy',
        message: 'a quorum needs a whole number of approvals from 1 to 2, not 3',
      }),
    ]);
    expect(errorsOf(VALID.replace('kind: all', 'kind: most')).map((e) => `${e.code} ${e.path}`)).toEqual(['INVALID_VALUE stages[0].steps[1].policy.kind']);
  });

  it('refuses an unknown step type', () => {
    expect(errorsOf(VALID.replace('type: timer', 'type: coffee')).map((e) => `${e.code} ${e.path}`)).toEqual(['INVALID_VALUE stages[0].steps[2].type']);
  });

  it('refuses an assignee naming both a role and a user', () => {
    expect(errorsOf(VALID.replace('assignee: { role: pm }', 'assignee: { role: pm, user: paula }')).map((e) => `${e.code} ${e.path}`)).toEqual([
      'INVALID_VALUE stages[0].steps[0].assignee',
    ]);
  });

  it('checks form schemas: field types and required names', () => {
    const source = VALID.replace('required: [text]', 'required: [txt]').replace('{ type: string, minLength: 3 }', '{ type: text }');
    expect(errorsOf(source).map((e) => `${e.code} ${e.path}`)).toEqual([
      'INVALID_VALUE forms.summary.properties.text.type',
      'INVALID_VALUE forms.summary.required[0]',
    ]);
  });

  it('reports several errors at once', () => {
    const source = VALID.replace('key: expectation-signoff', 'key: Expectation').replace('role: customer', 'role: buyer').replace('due: P3D', 'due: soon');
    expect(
      errorsOf(source)
        .map((e) => e.code)
        .sort(),
    ).toEqual([Code.BAD_DURATION, Code.INVALID_VALUE, Code.UNKNOWN_ROLE]);
  });

  it.each([
    '',
    ':',
    '[1,2]',
    'null',
    '{stages: 7}',
    '7',
    '"text"',
    'roles: [1]\nstages: [[], null, {steps: {}}]',
    'forms: {f: {type: object, properties: {a: {type: array, items: 3}}}}',
    '&a [*a]',
    'key: !!binary aGk=',
  ])('answers with errors, never a throw, for %p', (source) => {
    expect(() => validateDefinition(source)).not.toThrow();
    expect(validateDefinition(source).length).toBeGreaterThan(0);
  });
});
