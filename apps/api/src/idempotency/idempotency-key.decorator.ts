import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiHeader, ApiUnprocessableEntityResponse } from '@nestjs/swagger';

export const IDEMPOTENCY_OPTIONS = Symbol('idempotency-options');

export interface IdempotencyOptions {
  /**
   * `answer` (the default): a repeat gets the stored first answer and runs nothing.
   * `current`: a repeat runs the handler again with the same derived key, for a service that
   * answers a repeat itself with the current state of what the first request made (a start
   * answers 200 with the project as it is now).
   */
  replay: 'answer' | 'current';
  /** What a repeat means for this endpoint, added to the header's description. */
  description?: string;
}

const HEADER =
  'Makes a retry safe. A repeat with the same key, by the same caller, to the same route and path, with the same body, within ACCORD_IDEMPOTENCY_TTL_HOURS (24 h by default) ' +
  'gets the first answer again, marked `Idempotent-Replayed: true`, and changes nothing. The same key with another body is refused (422 `IDEMPOTENCY_KEY_REUSED`); ' +
  'a repeat while the first request still runs waits for its answer. An error answer is not kept: a retry after one runs afresh. ' +
  'Records (audit trail, task history) carry a request id derived from the key and its scope; the response echoes the key sent.';

/**
 * Marks an endpoint whose `Idempotency-Key` (or body `requestId`) IdempotencyInterceptor scopes
 * and remembers, and documents the header and its 422 refusal. Swagger merges the
 * description with the endpoint's own 422, whichever decorator comes first.
 */
export function IdempotencyKey(options: Partial<IdempotencyOptions> = {}): MethodDecorator {
  const resolved: IdempotencyOptions = { replay: options.replay ?? 'answer', description: options.description };
  return applyDecorators(
    SetMetadata(IDEMPOTENCY_OPTIONS, resolved),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: options.description ? `${options.description}. ${HEADER}` : HEADER }),
    ApiUnprocessableEntityResponse({
      description:
        '`IDEMPOTENCY_KEY_REUSED`: this Idempotency-Key was used by the caller for this route and path with another body (details name `Idempotency-Key`)',
    }),
  );
}
