import type { AccordConfig } from '../accord.config';
import type { AccordTracing, TracedProcess } from './accord-tracing';

/**
 * Starts tracing when OTEL_EXPORTER_OTLP_ENDPOINT is set: registers the global tracer provider and
 * patches the libraries the process uses. Call it before those libraries are first required.
 * Unset, it answers undefined and loads nothing: no provider, no patching, no exporter.
 */
export async function startTracing(config: AccordConfig, service: TracedProcess): Promise<AccordTracing | undefined> {
  if (config.OTEL_EXPORTER_OTLP_ENDPOINT === undefined) return undefined;
  // Loaded only here, so that a process (or a test) without an endpoint never loads the SDK.
  const { createTracing } = await import('./tracer-provider');
  return createTracing({ endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: config.OTEL_SERVICE_NAME ?? `accord-${service}`, service });
}
