import type { OpenAPIObject } from '@nestjs/swagger';

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

const ERROR_SCHEMA = 'AccordError';

/** The body of every error: a code, a message for people, and the paths of what is wrong. */
const errorSchema = {
  type: 'object',
  required: ['code', 'message', 'details'],
  properties: {
    code: { type: 'string', example: 'VALIDATION_FAILED' },
    message: { type: 'string' },
    details: {
      type: 'array',
      items: {
        type: 'object',
        required: ['path', 'message'],
        properties: { path: { type: 'string', example: 'data.goals[0].unit' }, message: { type: 'string' } },
      },
    },
  },
};

/**
 * Adds to every operation the statuses any request to it can get, whatever its own
 * decorators say: 400 for input the edge refuses (text PostgreSQL cannot store, bad
 * parameters), 401/403 where a token is needed, 404 where the path names something, 413/415
 * where a body is read, 503 when Temporal or PostgreSQL does not answer. An endpoint's own
 * decorators keep their descriptions; every error response gets the error body's schema.
 */
export function withCommonResponses(document: OpenAPIObject): OpenAPIObject {
  document.components = { ...document.components, schemas: { ...document.components?.schemas, [ERROR_SCHEMA]: errorSchema } };
  const errorContent = { 'application/json': { schema: { $ref: `#/components/schemas/${ERROR_SCHEMA}` } } };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation: Operation | undefined = item[method];
      if (!operation) continue;
      operation.parameters = withoutDuplicateHeaders(operation.parameters);
      const common: Record<string, string> = { '400': 'Invalid input: `details` names the path of each problem' };
      if (operation.security?.length) {
        common['401'] = 'No valid bearer token';
        common['403'] = 'The caller may not do this';
      }
      if (path.includes('{')) common['404'] = 'What the path names does not exist, or the caller may not see it';
      if (operation.requestBody) {
        common['413'] = 'The body is larger than 100 kB';
        common['415'] = 'The body is not JSON in a charset the API reads';
      }
      common['503'] = 'Temporal or PostgreSQL does not answer; try again';
      for (const [status, description] of Object.entries(common)) operation.responses[status] ??= { description };
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) >= 400 && response && !('$ref' in response) && !response.content) response.content = errorContent;
      }
    }
  }
  return document;
}

type Parameters = Operation['parameters'];

/**
 * Header names are case-insensitive, but a `@Headers('idempotency-key')` argument is
 * documented as a required header of its own beside the optional `Idempotency-Key` its
 * `@ApiHeader` declares: keep the declared one.
 */
function withoutDuplicateHeaders(parameters: Parameters): Parameters {
  if (!parameters) return parameters;
  const headers = parameters.filter((parameter) => 'in' in parameter && parameter.in === 'header') as { name: string; required?: boolean }[];
  const declared = new Set(headers.filter((header) => header.required !== true).map((header) => header.name.toLowerCase()));
  return parameters.filter(
    (parameter) => !('in' in parameter && parameter.in === 'header' && parameter.required === true && declared.has(parameter.name.toLowerCase())),
  );
}
