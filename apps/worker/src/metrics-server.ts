import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { listenForScrapes, stopListening } from '@accord/runtime';

/**
 * The worker's Prometheus endpoint: its own process metrics and, appended, the Temporal SDK's
 * (workflow and activity task latencies, slots, pollers, sticky cache), which the SDK's Core
 * serves on a loopback port of its own. One scrape target per worker, one port to open.
 */
export interface WorkerMetricsEndpoint {
  server: Server;
  registry: Registry;
}

/** A loopback port free right now, for the SDK's exporter: nobody outside the process reaches it. */
export async function freeLoopbackPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', resolve);
  });
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/**
 * Serves `GET /metrics` on `port`: the worker's registry (with the read-model lag the worker's
 * activities observe into it) followed by the text the Temporal SDK's
 * exporter answers at `temporalMetricsUrl`. When that exporter does not answer, the worker's own
 * metrics are still served (and `accord_worker_temporal_metrics_up` says 0).
 */
export async function serveWorkerMetrics(
  registry: Registry,
  port: number,
  temporalMetricsUrl: string | undefined,
  onError: (error: unknown) => void,
): Promise<WorkerMetricsEndpoint> {
  collectDefaultMetrics({ register: registry, prefix: 'accord_worker_' });
  const temporalUp = new Gauge({
    name: 'accord_worker_temporal_metrics_up',
    help: "Whether the Temporal SDK's metrics could be read for this scrape",
    registers: [registry],
  });
  const render = async (): Promise<string> => {
    const temporal = temporalMetricsUrl ? await temporalMetrics(temporalMetricsUrl) : undefined;
    temporalUp.set(temporal === undefined ? 0 : 1);
    return `${await registry.metrics()}\n${temporal ?? ''}`;
  };
  const server = await listenForScrapes({ contentType: registry.contentType, render }, port, onError);
  return { server, registry };
}

/** The SDK exporter's text, or undefined when it does not answer (the worker is still starting, say). */
async function temporalMetrics(url: string): Promise<string | undefined> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return response.ok ? await response.text() : undefined;
  } catch {
    // Reported as accord_worker_temporal_metrics_up 0: the worker's own figures still count.
    return undefined;
  }
}

/** Stops serving scrapes. */
export async function closeWorkerMetrics(endpoint: WorkerMetricsEndpoint): Promise<void> {
  await stopListening(endpoint.server);
}
