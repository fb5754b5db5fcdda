/** How long a notification waits after a failed attempt: `backoffMs` doubled per earlier failure, at most `capMs`. */
export function notificationRetryDelayMs(failedAttempts: number, backoff: { backoffMs: number; capMs: number }): number {
  // 2 ** n grows to Infinity, never NaN, so a long outage ends at the cap.
  return Math.min(backoff.backoffMs * 2 ** Math.max(0, failedAttempts - 1), backoff.capMs);
}
