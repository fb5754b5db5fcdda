import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { TemporalHealthProbe } from './temporal-health.probe';

/** How long each dependency may take to answer before it counts as down. */
export const PROBE_TIMEOUT_MS = 2_000;

/** Whether the API can reach what it cannot serve without: PostgreSQL and Temporal. */
@Injectable()
export class DependencyIndicators {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly dataSource: DataSource,
    private readonly temporal: TemporalHealthProbe,
  ) {}

  database() {
    return this.indicators
      .check('database')
      .attempt(async () => {
        await this.dataSource.query('SELECT 1');
      })
      .withTimeout(PROBE_TIMEOUT_MS);
  }

  temporalService() {
    return this.indicators
      .check('temporal')
      .attempt(() => this.temporal.check(PROBE_TIMEOUT_MS))
      .withTimeout(PROBE_TIMEOUT_MS);
  }
}
