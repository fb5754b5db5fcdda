import type { Resource } from '@opentelemetry/resources';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';

/** The process that traces: each instruments what it uses (the API HTTP, Express and PostgreSQL; the worker PostgreSQL). */
export type TracedProcess = 'api' | 'worker';

/** A running tracer provider, registered as the process's global one. */
export interface AccordTracing {
  /** `service.name` and the rest of what identifies this process in a trace. */
  readonly resource: Resource;
  /** Where ended spans go (batched to the OTLP exporter); the worker hands its workflow spans to it too. */
  readonly spanProcessor: SpanProcessor;
  /** Sends the spans still buffered, then stops tracing. */
  shutdown(): Promise<void>;
}
