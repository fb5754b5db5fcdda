import type { Context } from '@temporalio/activity';
import type { ActivityExecuteInput, ActivityInboundCallsInterceptor, Next } from '@temporalio/worker';

/**
 * One line per activity attempt, written through the activity's logger from inside its work:
 * the worker's counterpart of the API's `request completed`. Placed after Temporal's
 * OpenTelemetry interceptor, the line is written inside the activity's span, so with tracing
 * on it carries that span's `traceId`; the SDK's own `Activity completed` and `Activity failed`
 * lines are written after the span has ended, and name none.
 */
export class ActivityOutcomeLogging implements ActivityInboundCallsInterceptor {
  constructor(private readonly context: Context) {}

  async execute(input: ActivityExecuteInput, next: Next<ActivityInboundCallsInterceptor, 'execute'>): Promise<unknown> {
    const started = performance.now();
    const durationMs = () => Math.round(performance.now() - started);
    let result: unknown;
    try {
      result = await next(input);
    } catch (error) {
      // Temporal retries it by its retry policy; the line says which attempt this was (`attempt`).
      this.context.log.warn('activity failed', { durationMs: durationMs(), error: error instanceof Error ? error.message : String(error) });
      throw error;
    }
    // Outside the try: the activity has succeeded, whatever becomes of its line.
    this.context.log.info('activity completed', { durationMs: durationMs() });
    return result;
  }
}
