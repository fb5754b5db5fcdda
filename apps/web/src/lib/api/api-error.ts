import type { components } from './schema.gen';

export type AccordErrorBody = components['schemas']['AccordError'];

/** An API error as a value: the HTTP status and the body `{ code, message, details }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: AccordErrorBody,
  ) {
    super(body.message);
    this.name = 'ApiError';
  }
}

/** The data of an openapi-fetch result, or its error thrown as an ApiError (what TanStack Query expects). */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.ok) return result.data as T;
  const body = result.error as Partial<AccordErrorBody> | undefined;
  throw new ApiError(result.response.status, {
    code: body?.code ?? 'HTTP_' + result.response.status,
    message: body?.message ?? result.response.statusText,
    details: body?.details ?? [],
  });
}
