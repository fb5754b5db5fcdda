import type { Parameter, Schema } from './openapi-requests';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/** One operation of the API as its OpenAPI document declares it. */
export interface ApiOperation {
  /** `GET /projects/{id}`: the method in capitals, the path template as the document writes it. */
  key: string;
  method: string;
  path: string;
  parameters: Parameter[];
  body?: Schema;
  statuses: Set<number>;
  /** False when the document lists no security requirement: the operation is meant to be public. */
  secured: boolean;
}

interface DocumentOperation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, unknown>;
  security?: unknown[];
}

/** Every (method, path template) operation of an OpenAPI document, in the document's order. */
export function operationsOf(document: { paths: Record<string, Record<string, unknown>> }): ApiOperation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => {
      const operation = item[method] as DocumentOperation;
      return {
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        parameters: operation.parameters ?? [],
        body: operation.requestBody?.content['application/json']?.schema,
        statuses: new Set(Object.keys(operation.responses).map(Number)),
        secured: (operation.security?.length ?? 0) > 0,
      };
    }),
  );
}
