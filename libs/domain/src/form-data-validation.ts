import type { FieldError, FieldSchema, FormSchema } from '@accord/contracts';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** A date that exists: 2027-02-30 has the shape but would roll over into March, and a database refuses it. */
const isCalendarDate = (value: string) => DATE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;

const join = (parent: string, key: string) => (parent ? `${parent}.${key}` : key);
const describe = (value: unknown) => (Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value);

/**
 * Checks task completion data against a form (a JSON-Schema subset); returns every
 * problem with its path (`items[2].name`), or nothing when the data fits. Pure: it runs
 * inside update validators.
 */
export function validateFormData(schema: FormSchema, data: unknown): FieldError[] {
  const errors: FieldError[] = [];
  checkField(schema, data, '', errors);
  return errors;
}

function checkField(schema: FieldSchema, value: unknown, path: string, errors: FieldError[]): void {
  const fail = (message: string) => errors.push({ path, message });
  switch (schema.type) {
    case 'string': {
      if (typeof value !== 'string') return void fail(`must be a string, not ${describe(value)}`);
      if (schema.enum && !schema.enum.includes(value)) fail(`must be one of ${schema.enum.join(', ')}`);
      if (schema.minLength !== undefined && value.length < schema.minLength) fail(`must be at least ${schema.minLength} characters`);
      if (schema.maxLength !== undefined && value.length > schema.maxLength) fail(`must be at most ${schema.maxLength} characters`);
      if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) fail(`must match ${schema.pattern}`);
      if (schema.format === 'date' && !isCalendarDate(value)) fail('must be a date (YYYY-MM-DD) that exists');
      if (schema.format === 'date-time' && !DATE_TIME.test(value)) fail('must be a date and time (ISO 8601 with a zone)');
      if (schema.format === 'email' && !EMAIL.test(value)) fail('must be an email address');
      return;
    }
    case 'number':
    case 'integer': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return void fail(`must be a number, not ${describe(value)}`);
      if (schema.type === 'integer' && !Number.isInteger(value)) fail('must be a whole number');
      if (schema.minimum !== undefined && value < schema.minimum) fail(`must be at least ${schema.minimum}`);
      if (schema.maximum !== undefined && value > schema.maximum) fail(`must be at most ${schema.maximum}`);
      return;
    }
    case 'boolean':
      if (typeof value !== 'boolean') fail(`must be true or false, not ${describe(value)}`);
      return;
    case 'array': {
      if (!Array.isArray(value)) return void fail(`must be an array, not ${describe(value)}`);
      if (schema.minItems !== undefined && value.length < schema.minItems) fail(`must have at least ${schema.minItems} items`);
      if (schema.maxItems !== undefined && value.length > schema.maxItems) fail(`must have at most ${schema.maxItems} items`);
      value.forEach((item, index) => checkField(schema.items, item, `${path}[${index}]`, errors));
      return;
    }
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return void fail(`must be an object, not ${describe(value)}`);
      const record = value as Record<string, unknown>;
      for (const name of schema.required ?? []) {
        if (record[name] === undefined || record[name] === null) errors.push({ path: join(path, name), message: 'is required' });
      }
      for (const [name, field] of Object.entries(schema.properties)) {
        if (record[name] !== undefined && record[name] !== null) checkField(field, record[name], join(path, name), errors);
      }
      if (schema.additionalProperties === false) {
        for (const name of Object.keys(record)) {
          if (!(name in schema.properties)) errors.push({ path: join(path, name), message: 'is not a field of this form' });
        }
      }
      return;
    }
  }
}
