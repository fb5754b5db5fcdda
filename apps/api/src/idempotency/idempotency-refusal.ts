import { ErrorCode, IdempotencyException } from '../errors/accord.exception';

/** The 422 for a key sent again with another request. */
export function keyReused(operation: string): IdempotencyException {
  return new IdempotencyException(ErrorCode.IDEMPOTENCY_KEY_REUSED, `This Idempotency-Key was already used for another request to ${operation}`, [
    { path: 'Idempotency-Key', message: `was already used for ${operation} with another body; send a new key for a new request` },
  ]);
}

/** The 409 for a repeat that arrives while the first request with the key still runs. */
export function keyInFlight(operation: string, retryAfterSeconds: number): IdempotencyException {
  return new IdempotencyException(
    ErrorCode.IDEMPOTENCY_KEY_IN_FLIGHT,
    `A request to ${operation} with this Idempotency-Key is still running`,
    [{ path: 'Idempotency-Key', message: 'is held by a request still running; retry after Retry-After seconds' }],
    retryAfterSeconds,
  );
}
