import type { FormSchema } from '@accord/contracts';
import { validateFormData } from './form-data-validation';

const goalForm: FormSchema = {
  type: 'object',
  required: ['specific', 'metric', 'deadline'],
  additionalProperties: false,
  properties: {
    specific: { type: 'string', minLength: 5 },
    metric: {
      type: 'object',
      required: ['name', 'target'],
      properties: { name: { type: 'string' }, target: { type: 'number', minimum: 0 }, unit: { type: 'string', enum: ['%', 'days', 'count'] } },
    },
    deadline: { type: 'string', format: 'date' },
    owner: { type: 'string', format: 'email' },
    milestones: {
      type: 'array',
      minItems: 1,
      items: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, week: { type: 'integer', minimum: 1 } } },
    },
    code: { type: 'string', pattern: '^G-[0-9]+$' },
    signed: { type: 'boolean' },
  },
};

const validGoal = {
  specific: 'Cut order entry time',
  metric: { name: 'entry time', target: 40, unit: '%' },
  deadline: '2027-06-30',
  owner: 'paula@example.com',
  milestones: [{ name: 'pilot', week: 4 }],
  code: 'G-12',
  signed: true,
};

describe(validateFormData.name, () => {
  it('accepts data that fits the form', () => {
    expect(validateFormData(goalForm, validGoal)).toEqual([]);
  });

  it('names each missing required field', () => {
    expect(validateFormData(goalForm, { specific: 'Cut order entry time' }).map((e) => e.path)).toEqual(['metric', 'deadline']);
  });

  it('reports nested and array item problems with their full path', () => {
    const errors = validateFormData(goalForm, { ...validGoal, metric: { name: 'x', target: -1 }, milestones: [{ name: 'pilot' }, { week: 1.5 }] });
    expect(errors).toEqual([
      { path: 'metric.target', message: 'must be at least 0' },
      { path: 'milestones[1].name', message: 'is required' },
      { path: 'milestones[1].week', message: 'must be a whole number' },
    ]);
  });

  it('checks enums, lengths, patterns and formats', () => {
    const errors = validateFormData(goalForm, {
      ...validGoal,
      specific: 'Cut',
      metric: { name: 'x', target: 1, unit: 'hours' },
      deadline: '30.06.2027',
      owner: 'paula',
      code: 'X-1',
    });
    expect(errors.map((e) => e.path)).toEqual(['specific', 'metric.unit', 'deadline', 'owner', 'code']);
  });

  it('refuses wrong types', () => {
    const errors = validateFormData(goalForm, { ...validGoal, signed: 'yes', milestones: 'pilot' });
    expect(errors).toEqual([
      { path: 'milestones', message: 'must be an array, not string' },
      { path: 'signed', message: 'must be true or false, not string' },
    ]);
  });

  it('refuses fields the form does not declare when it forbids extra ones', () => {
    expect(validateFormData(goalForm, { ...validGoal, budget: 10 })).toEqual([{ path: 'budget', message: 'is not a field of this form' }]);
  });

  it('refuses data that is not an object at all', () => {
    expect(validateFormData(goalForm, ['a'])).toEqual([{ path: '', message: 'must be an object, not an array' }]);
  });

  it('refuses a date that has the shape of one but does not exist', () => {
    expect(validateFormData(goalForm, { ...validGoal, deadline: '2027-02-30' })).toEqual([
      { path: 'deadline', message: 'must be a date (YYYY-MM-DD) that exists' },
    ]);
    expect(validateFormData(goalForm, { ...validGoal, deadline: '2028-02-29' })).toEqual([]);
  });
});
