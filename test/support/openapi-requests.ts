import fc from 'fast-check';

/** A JSON Schema as the OpenAPI document gives it (only what request generation reads). */
export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  additionalProperties?: boolean | Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema;
}

export interface OperationRequest {
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body?: string;
}

/** Strings a careless or hostile client sends: control characters, NUL, lone surrogates, huge, odd Unicode. */
const hostileString = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\ud800',
    '\t\r\n',
    '../../etc/passwd',
    "'; DROP TABLE projects; --",
    '%00',
    '=cmd|/C calc',
    '客户期望 🎉',
    'x'.repeat(5_000),
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
);
const hostileNumber = fc.constantFrom(-1, 0, 2 ** 31, 2 ** 53, -(2 ** 63), 1e308, 0.5, Number.MAX_SAFE_INTEGER);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  hostileNumber,
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
  fc.constant({ a: { b: { c: [1, [2, [3]]] } } }),
);

/**
 * Arbitrary values for an OpenAPI schema: most fit it (so requests get past the first
 * check and reach deeper code), some break it on purpose (wrong types, bounds, hostile text).
 */
export function valueFor(schema: Schema | undefined, components: Record<string, Schema>, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return hostileValue;
  if (schema.$ref) return valueFor(components[schema.$ref.split('/').at(-1)!], components, depth + 1);
  const alternatives = schema.oneOf ?? schema.anyOf ?? schema.allOf;
  if (alternatives) return fc.oneof(...alternatives.map((alternative) => valueFor(alternative, components, depth + 1)));
  return fc.oneof({ weight: 4, arbitrary: fitting(schema, components, depth) }, { weight: 1, arbitrary: hostileValue });
}

function fitting(schema: Schema, components: Record<string, Schema>, depth: number): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1_000, max: schema.maximum ?? 1_000_000 });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(valueFor(schema.items, components, depth + 1), { maxLength: 4 });
    case 'object': {
      const properties = schema.properties ?? {};
      const required = schema.required ?? [];
      const record = fc.record(Object.fromEntries(Object.entries(properties).map(([name, property]) => [name, valueFor(property, components, depth + 1)])), {
        requiredKeys: required.filter((name) => name in properties),
      });
      return schema.additionalProperties
        ? fc.tuple(record, fc.dictionary(fc.string({ maxLength: 8 }), hostileValue, { maxKeys: 3 })).map(([known, extra]) => ({ ...extra, ...known }))
        : record;
    }
    case 'string':
    default:
      switch (schema.format) {
        case 'uuid':
          return fc.uuid();
        case 'date-time':
          return fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((date) => date.toISOString());
        case 'date':
          return fc.constantFrom('2027-03-01', '2025-02-30', '2027-13-01');
        default:
          return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 30, 60) });
      }
  }
}

const asText = (value: unknown) => (typeof value === 'string' ? value : (JSON.stringify(value) ?? ''));
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** A path segment as a client would send it; a lone surrogate, which has no UTF-8 form, goes as the bytes a sloppy encoder writes. */
const pathSegment = (text: string) => text.split(LONE_SURROGATE).map(encodeURIComponent).join('%ED%A0%80');

/** Requests to one operation: its path, query and header parameters and its JSON body, each from its schema. */
export function requestsFor(
  path: string,
  parameters: Parameter[],
  body: Schema | undefined,
  components: Record<string, Schema>,
): fc.Arbitrary<OperationRequest> {
  const inPath = parameters.filter((parameter) => parameter.in === 'path');
  const others = parameters.filter((parameter) => parameter.in !== 'path');
  return fc
    .record({
      path: fc.tuple(...inPath.map((parameter) => valueFor(parameter.schema, components))),
      others: fc.tuple(...others.map((parameter) => fc.option(valueFor(parameter.schema, components), { nil: undefined, freq: parameter.required ? 10 : 2 }))),
      body: body ? valueFor(body, components) : fc.constant(undefined),
    })
    .map(({ path: values, others: optional, body: payload }) => {
      let url = path;
      inPath.forEach((parameter, index) => (url = url.replace(`{${parameter.name}}`, pathSegment(asText(values[index])))));
      const query: Record<string, string> = {};
      const headers: Record<string, string> = {};
      others.forEach((parameter, index) => {
        const value = optional[index];
        if (value === undefined) return;
        // fetch refuses header values with control characters: those are sent as a printable stand-in.
        if (parameter.in === 'header')
          headers[parameter.name] =
            asText(value)
              .replace(/[^\x20-\x7e]/g, '?')
              .slice(0, 300) || 'k';
        else query[parameter.name] = asText(value);
      });
      return { path: url, query, headers, body: payload === undefined ? undefined : JSON.stringify(payload) };
    });
}
