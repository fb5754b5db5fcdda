import { DefinitionErrorCode as Code } from './definition-error';
import { validateDefinition } from './definition.validator';
import { checkForms } from './form-schema.rules';

/** A definition whose one form has the field `field` (a YAML flow mapping), filled in by its one task. */
const withField = (field: string) => `key: forms
name: Forms
starters: [pm]
roles: { pm: {} }
forms:
  report: { type: object, properties: { answer: ${field} } }
stages:
  - id: work
    steps:
      - { id: fill, type: task, assignee: { role: pm }, form: report }
`;

const codesAt = (source: string) => validateDefinition(source).map((error) => `${error.code} ${error.path}`);

describe(checkForms.name, () => {
  it('refuses a text field whose minLength is above its maxLength, at minLength', () => {
    expect(validateDefinition(withField('{ type: string, minLength: 10, maxLength: 5 }'))).toEqual([
      {
        code: Code.CONTRADICTORY_BOUNDS,
        path: 'forms.report.properties.answer.minLength',
        message: 'minLength 10 is above maxLength 5: no value can meet both',
        line: 6,
        column: 76,
      },
    ]);
  });

  it('refuses a number field whose minimum is above its maximum', () => {
    expect(codesAt(withField('{ type: number, minimum: 1.5, maximum: 1 }'))).toEqual(['CONTRADICTORY_BOUNDS forms.report.properties.answer.minimum']);
  });

  it('refuses an integer field with no whole number between its bounds', () => {
    expect(codesAt(withField('{ type: integer, minimum: 1.2, maximum: 1.8 }'))).toEqual(['CONTRADICTORY_BOUNDS forms.report.properties.answer.minimum']);
  });

  it('accepts a number field with a fraction between its bounds', () => {
    expect(codesAt(withField('{ type: number, minimum: 1.2, maximum: 1.8 }'))).toEqual([]);
  });

  it('refuses a list field whose minItems is above its maxItems', () => {
    expect(codesAt(withField('{ type: array, items: { type: string }, minItems: 3, maxItems: 2 }'))).toEqual([
      'CONTRADICTORY_BOUNDS forms.report.properties.answer.minItems',
    ]);
  });

  it('refuses contradictory bounds in the items of a list too', () => {
    expect(codesAt(withField('{ type: array, items: { type: string, minLength: 2, maxLength: 1 } }'))).toEqual([
      'CONTRADICTORY_BOUNDS forms.report.properties.answer.items.minLength',
    ]);
  });

  it.each([
    '{ type: string, minLength: 4, maxLength: 4 }',
    '{ type: integer, minimum: 3, maximum: 3 }',
    '{ type: array, items: { type: string }, minItems: 1, maxItems: 1 }',
  ])('accepts equal bounds, which allow exactly one length, value or count: %s', (field) => {
    expect(codesAt(withField(field))).toEqual([]);
  });
});
