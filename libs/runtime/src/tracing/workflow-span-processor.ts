import type { SpanContext } from '@opentelemetry/api';
import type { InstrumentationScope } from '@opentelemetry/core';
import type { ReadableSpan, SpanProcessor } from '@opentelemetry/sdk-trace-base';

/** A workflow span as @temporalio/interceptors-opentelemetry rebuilds it outside the sandbox: the OpenTelemetry SDK 1.x shape. */
type SandboxSpan = ReadableSpan & { parentSpanId?: string; instrumentationLibrary?: InstrumentationScope };

/**
 * Passes the spans that workflows end (through the interceptors' sink) on to `processor`.
 * The interceptors build them with the SDK 1.x fields (`parentSpanId`, `instrumentationLibrary`),
 * which the 2.x exporter does not read: without this the workflow spans would lose their parent.
 */
export function workflowSpanProcessor(processor: SpanProcessor): SpanProcessor {
  return {
    onStart: () => undefined,
    onEnd: (span) => processor.onEnd(toCurrentShape(span as SandboxSpan)),
    forceFlush: () => processor.forceFlush(),
    // The process's processor is shut down by whoever started tracing, once.
    shutdown: () => Promise.resolve(),
  };
}

function toCurrentShape(span: SandboxSpan): ReadableSpan {
  const context = span.spanContext();
  const parent: SpanContext | undefined =
    span.parentSpanContext ?? (span.parentSpanId ? { traceId: context.traceId, spanId: span.parentSpanId, traceFlags: context.traceFlags } : undefined);
  return {
    ...span,
    spanContext: () => context,
    parentSpanContext: parent,
    instrumentationScope: span.instrumentationScope ?? span.instrumentationLibrary ?? { name: '@temporalio/interceptor-workflow' },
  };
}
