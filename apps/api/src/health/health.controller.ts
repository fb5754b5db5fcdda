import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/public.decorator';
import { TemporalHealthProbe } from './temporal-health.probe';

const PROBE_TIMEOUT_MS = 2_000;

type Reachability = 'up' | 'down';

function withTimeout<T>(probe: Promise<T>): Promise<T> {
  return Promise.race([probe, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), PROBE_TIMEOUT_MS).unref())]);
}

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly temporal: TemporalHealthProbe,
  ) {}

  @Public()
  @Get()
  @ApiOkResponse({ description: 'PostgreSQL and Temporal are both reachable' })
  @ApiServiceUnavailableResponse({ description: 'PostgreSQL or Temporal is unreachable' })
  async check(@Res({ passthrough: true }) response: Response): Promise<{ status: 'ok' | 'degraded'; database: Reachability; temporal: Reachability }> {
    const [database, temporal] = await Promise.all([
      this.probe(() => this.dataSource.query('SELECT 1')),
      this.probe(() => this.temporal.check(PROBE_TIMEOUT_MS)),
    ]);
    const healthy = database === 'up' && temporal === 'up';
    response.status(healthy ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: healthy ? 'ok' : 'degraded', database, temporal };
  }

  private async probe(call: () => Promise<unknown>): Promise<Reachability> {
    try {
      await withTimeout(call());
      return 'up';
    } catch {
      // Unreachable is the answer this endpoint exists to give, not an error.
      return 'down';
    }
  }
}
