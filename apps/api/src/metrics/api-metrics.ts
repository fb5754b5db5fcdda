import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** Latency buckets (seconds) around what a decision and an inbox page cost: tens of milliseconds. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The API's Prometheus registry and the metrics it counts as requests happen. Labels are
 * bounded: route templates, methods, statuses and a definition's outcomes; never a user,
 * project or task id. Figures read from the read model are in ReadModelGauges.
 */
@Injectable()
export class ApiMetrics {
  readonly registry = new Registry();

  private readonly requestDuration = new Histogram({
    name: 'accord_http_request_duration_seconds',
    help: 'HTTP requests to the API by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  private readonly decisions = new Counter({
    name: 'accord_decisions_total',
    help: 'Decisions (task completions) the workflows accepted through the API, by outcome',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'accord_api_' });
  }

  /** Records one answered request; `route` must be a template (see routeTemplate). */
  requestAnswered(method: string, route: string, status: number, seconds: number): void {
    this.requestDuration.observe({ method, route, status: String(status) }, seconds);
  }

  /** Records a decision the workflow accepted (not a refused one, nor a replayed answer). */
  decided(outcome: string): void {
    this.decisions.inc({ outcome });
  }
}
