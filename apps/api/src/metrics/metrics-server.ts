import type { Server } from 'node:http';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AccordConfig, listenForScrapes, portOf, stopListening } from '@accord/runtime';
import { ApiMetrics } from './api-metrics';

/** Serves the API's metrics on ACCORD_METRICS_PORT while the app runs; nothing when it is unset. */
@Injectable()
export class MetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MetricsServer.name);
  private server?: Server;

  constructor(
    private readonly config: AccordConfig,
    private readonly metrics: ApiMetrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.ACCORD_METRICS_PORT === undefined) return;
    const { registry } = this.metrics;
    this.server = await listenForScrapes({ contentType: registry.contentType, render: () => registry.metrics() }, this.config.ACCORD_METRICS_PORT, (error) =>
      this.logger.warn(`A metrics scrape failed: ${String(error)}`),
    );
    this.logger.log(`metrics on port ${portOf(this.server)} at /metrics`);
  }

  /** The port scrapes go to, once the app has started with ACCORD_METRICS_PORT set. */
  get port(): number | undefined {
    return this.server && portOf(this.server);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await stopListening(server);
  }
}
