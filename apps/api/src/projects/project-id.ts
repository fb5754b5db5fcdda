import { createHash, randomUUID } from 'node:crypto';

/**
 * The project id for a start request: derived from the caller and their idempotency key,
 * so a retried POST names the same workflow and starts nothing twice. The key a service
 * receives is already scoped to caller, route and resource by IdempotencyInterceptor; the
 * caller is hashed in again so that the id stays one per caller for any key.
 */
export function projectIdFor(userId: string, requestId: string | undefined): string {
  if (!requestId) return randomUUID();
  const hex = createHash('sha256').update(`${userId}\n${requestId}`).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
