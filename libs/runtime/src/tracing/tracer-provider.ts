import type { IncomingMessage } from 'node:http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { type Instrumentation, registerInstrumentations } from '@opentelemetry/instrumentation';
import { ExpressInstrumentation, ExpressLayerType } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { AccordTracing, TracedProcess } from './accord-tracing';

// Probes and scrapes every few seconds would bury the requests people come to a trace for.
const UNTRACED_PATHS = /^\/(health|metrics)(\/|\?|$)/;

/** The OpenTelemetry SDK set up for one process; see startTracing. */
export function createTracing(options: { endpoint: string; serviceName: string; service: TracedProcess }): AccordTracing {
  const resource = resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName });
  // OTLP/HTTP with JSON bodies; the endpoint is the receiver's base URL, as the OTel specification reads it.
  const exporter = new OTLPTraceExporter({ url: `${options.endpoint.replace(/\/+$/, '')}/v1/traces` });
  // A second rather than the SDK's five: a trace is in Jaeger or Tempo by the time someone looks for it.
  const spanProcessor = new BatchSpanProcessor(exporter, { scheduledDelayMillis: 1_000 });
  const provider = new NodeTracerProvider({ resource, spanProcessors: [spanProcessor] });
  // Async-hooks context and W3C trace-context propagation, as global defaults.
  provider.register();
  const disable = registerInstrumentations({ tracerProvider: provider, instrumentations: instrumentationsOf(options.service) });
  return {
    resource,
    spanProcessor,
    shutdown: async () => {
      disable();
      await provider.shutdown();
    },
  };
}

function instrumentationsOf(service: TracedProcess): Instrumentation[] {
  // Only queries made inside a traced operation: the dispatchers' and listeners' polling would start a trace each.
  const pg = new PgInstrumentation({ requireParentSpan: true });
  if (service === 'worker') return [pg];
  return [
    new HttpInstrumentation({ ignoreIncomingRequestHook: (request: IncomingMessage) => UNTRACED_PATHS.test(request.url ?? '') }),
    // Nest's global middleware runs on every route; the router and the handler are what tell requests apart.
    new ExpressInstrumentation({ ignoreLayersType: [ExpressLayerType.MIDDLEWARE] }),
    pg,
  ];
}
