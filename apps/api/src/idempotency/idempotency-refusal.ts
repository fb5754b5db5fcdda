import { ErrorCode, IdempotencyException } from '../errors/accord.exception';

/** The 422 for a key sent again with another request. */
export function keyReused(operation: string): IdempotencyException {
  return new IdempotencyException(ErrorCode.IDEMPOTENCY_KEY_REUSED, `This Idempotency-Key was already used for another request to ${operation}`, [
    { path: 'Idempotency-Key', message: `was already used for ${operation} with another body; send a new key for a new request` },
  ]);
}
