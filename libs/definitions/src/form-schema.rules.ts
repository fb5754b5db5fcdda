import { DefinitionErrorCode as Code } from './definition-error';
import { ErrorSink, type Json, type Path } from './error-sink';

const ID = /^[a-z][a-z0-9-]*$/;
const FIELD_TYPES = ['string', 'number', 'integer', 'boolean', 'array', 'object'] as const;
type FieldType = (typeof FIELD_TYPES)[number];
const FIELD_KEYS: Record<FieldType, string[]> = {
  string: ['type', 'title', 'enum', 'minLength', 'maxLength', 'pattern', 'format'],
  number: ['type', 'title', 'minimum', 'maximum'],
  integer: ['type', 'title', 'minimum', 'maximum'],
  boolean: ['type', 'title'],
  array: ['type', 'title', 'items', 'minItems', 'maxItems'],
  object: ['type', 'title', 'properties', 'required', 'additionalProperties'],
};

/** Checks `forms` (each a JSON-Schema subset of type object); returns the declared form ids. */
export function checkForms(sink: ErrorSink, root: Json): Set<string> {
  const forms = new Set<string>();
  if (root.forms === undefined || root.forms === null) return forms;
  const map = sink.mapping(root.forms, ['forms'], 'forms');
  if (!map) return forms;
  for (const [id, form] of Object.entries(map)) {
    forms.add(id);
    if (!ID.test(id)) sink.add(Code.INVALID_VALUE, ['forms', id], `form id "${id}" must be lower-case letters, digits and dashes`, { key: true });
    const body = sink.mapping(form, ['forms', id], `form ${id}`);
    if (!body) continue;
    if (body.type !== 'object') sink.add(Code.INVALID_VALUE, ['forms', id, 'type'], 'a form is a schema of type object');
    checkField(sink, body, ['forms', id]);
  }
  return forms;
}

function checkField(sink: ErrorSink, field: Json, path: Path): void {
  const type = field.type;
  if (typeof type !== 'string' || !(FIELD_TYPES as readonly string[]).includes(type)) {
    sink.add(type === undefined ? Code.REQUIRED : Code.INVALID_VALUE, [...path, 'type'], `type must be one of ${FIELD_TYPES.join(', ')}`);
    return;
  }
  const fieldType = type as FieldType;
  sink.onlyKeys(field, path, FIELD_KEYS[fieldType]);
  sink.optionalString(field, 'title', path);
  const number = (key: string, { whole }: { whole: boolean }) => {
    const value = field[key];
    if (value !== undefined && (typeof value !== 'number' || (whole && (!Number.isInteger(value) || value < 0)))) {
      sink.add(Code.WRONG_TYPE, [...path, key], `${key} must be ${whole ? 'a whole number ≥ 0' : 'a number'}`);
    }
  };
  // A field no value can fill blocks its task for good: nobody can complete the form.
  const bounds = (low: string, high: string, { whole }: { whole: boolean }) => {
    const [min, max] = [field[low], field[high]];
    if (typeof min !== 'number' || typeof max !== 'number') return;
    if (min > max) sink.add(Code.CONTRADICTORY_BOUNDS, [...path, low], `${low} ${min} is above ${high} ${max}: no value can meet both`);
    else if (whole && Math.ceil(min) > Math.floor(max))
      sink.add(Code.CONTRADICTORY_BOUNDS, [...path, low], `no whole number lies between ${low} ${min} and ${high} ${max}`);
  };
  switch (fieldType) {
    case 'string': {
      number('minLength', { whole: true });
      number('maxLength', { whole: true });
      bounds('minLength', 'maxLength', { whole: false });
      const values = field.enum;
      if (values !== undefined && (!Array.isArray(values) || values.length === 0 || values.some((v) => typeof v !== 'string'))) {
        sink.add(Code.WRONG_TYPE, [...path, 'enum'], 'enum must be a non-empty list of strings');
      }
      if (field.pattern !== undefined) {
        try {
          if (typeof field.pattern !== 'string') throw new Error('not a string');
          new RegExp(field.pattern, 'u');
        } catch (error) {
          sink.add(Code.INVALID_VALUE, [...path, 'pattern'], `pattern is not a regular expression: ${(error as Error).message}`);
        }
      }
      if (field.format !== undefined && !['date', 'date-time', 'email'].includes(field.format as string)) {
        sink.add(Code.INVALID_VALUE, [...path, 'format'], 'format must be one of date, date-time, email');
      }
      return;
    }
    case 'number':
    case 'integer':
      number('minimum', { whole: false });
      number('maximum', { whole: false });
      bounds('minimum', 'maximum', { whole: fieldType === 'integer' });
      return;
    case 'boolean':
      return;
    case 'array': {
      number('minItems', { whole: true });
      number('maxItems', { whole: true });
      bounds('minItems', 'maxItems', { whole: false });
      if (field.items === undefined) return void sink.add(Code.REQUIRED, [...path, 'items'], 'items is required for an array');
      const items = sink.mapping(field.items, [...path, 'items'], 'items');
      if (items) checkField(sink, items, [...path, 'items']);
      return;
    }
    case 'object': {
      if (field.additionalProperties !== undefined && typeof field.additionalProperties !== 'boolean') {
        sink.add(Code.WRONG_TYPE, [...path, 'additionalProperties'], 'additionalProperties must be true or false');
      }
      if (field.properties === undefined) return void sink.add(Code.REQUIRED, [...path, 'properties'], 'properties is required for an object');
      const properties = sink.mapping(field.properties, [...path, 'properties'], 'properties');
      if (!properties) return;
      for (const [name, property] of Object.entries(properties)) {
        const child = sink.mapping(property, [...path, 'properties', name], `field ${name}`);
        if (child) checkField(sink, child, [...path, 'properties', name]);
      }
      const required = sink.list(field, 'required', path, { required: false });
      required?.forEach((name, index) => {
        if (typeof name !== 'string' || !(name in properties))
          sink.add(Code.INVALID_VALUE, [...path, 'required', index], `required names ${JSON.stringify(name)}, which is not a property`);
      });
      return;
    }
  }
}
