import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import pino, { type DestinationStream } from 'pino';
import { type AccordConfig, traceLogFields } from '@accord/runtime';
import { REQUEST_ID_HEADER, requestIdFor } from './request-id';

/**
 * The API's logs as JSON lines through pino: Nest's own messages and one line per answered
 * request, each with `requestId` (echoed in the X-Request-Id header of the answer).
 * A line written while a request is handled carries its `requestId` too, and with tracing on
 * the `traceId` and `spanId` of the span it was written in (see docs/observability.md).
 */
export function requestLogging(config: AccordConfig, destination?: DestinationStream): Params {
  const options = {
    level: config.LOG_LEVEL,
    base: { service: 'api' },
    // Without tracing there is no span to name: no mixin, nothing computed per line.
    mixin: config.OTEL_EXPORTER_OTLP_ENDPOINT === undefined ? undefined : traceLogFields,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    genReqId: (request: IncomingMessage, response: ServerResponse) => {
      const id = requestIdFor(request.headers[REQUEST_ID_HEADER]);
      response.setHeader(REQUEST_ID_HEADER, id);
      return id;
    },
    // Bound to the request's logger, so every line written while it is handled carries it.
    customProps: (request: IncomingMessage & { id?: unknown }) => ({ requestId: request.id }),
    // Headers stay out: they carry bearer tokens and cookies.
    serializers: {
      req: (request: { method: string; url: string }) => ({ method: request.method, url: request.url }),
      res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
    },
    // A refused request is the caller's business (info); only a failure of ours is an error.
    customLogLevel: (_request: IncomingMessage, response: ServerResponse, error?: Error) => (error || response.statusCode >= 500 ? 'error' : 'info'),
  } as const;
  return { pinoHttp: destination ? [options, destination] : options };
}
