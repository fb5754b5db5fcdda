import { isSpanContextValid, trace } from '@opentelemetry/api';

/** `traceId` and `spanId` of the active span, for a log line written inside one (pino's `mixin`); nothing outside. */
export function traceLogFields(): { traceId?: string; spanId?: string } {
  const active = trace.getActiveSpan()?.spanContext();
  return active && isSpanContextValid(active) ? { traceId: active.traceId, spanId: active.spanId } : {};
}
