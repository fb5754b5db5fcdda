import { Controller, Get, HttpStatus, Res, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheck, type HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/public.decorator';
import { DependencyIndicators } from './dependency-indicators';

type Reachability = 'up' | 'down';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly dependencies: DependencyIndicators,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Whether PostgreSQL and Temporal are reachable (the readiness check, in its first shape; kept for existing probes)' })
  @ApiOkResponse({ description: 'PostgreSQL and Temporal are both reachable' })
  @ApiServiceUnavailableResponse({ description: 'PostgreSQL or Temporal is unreachable' })
  async check(@Res({ passthrough: true }) response: Response): Promise<{ status: 'ok' | 'degraded'; database: Reachability; temporal: Reachability }> {
    const [database, temporal] = await Promise.all([this.dependencies.database(), this.dependencies.temporalService()]);
    const healthy = database.database.status === 'up' && temporal.temporal.status === 'up';
    response.status(healthy ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return {
      status: healthy ? 'ok' : 'degraded',
      database: database.database.status === 'up' ? 'up' : 'down',
      temporal: temporal.temporal.status === 'up' ? 'up' : 'down',
    };
  }

  @Public()
  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process runs and answers; it checks no dependency, so an outage of PostgreSQL or Temporal restarts nothing' })
  @ApiOkResponse({ description: 'The process answers' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Public()
  @Get('ready')
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({ summary: 'Readiness: PostgreSQL and Temporal both answer within 2 s, so requests can be served' })
  @ApiOkResponse({ description: '`{ status: "ok", info, error, details }` with each dependency `up`' })
  @ApiServiceUnavailableResponse({ description: '`{ status: "error", info, error, details }` naming the dependency that is `down`' })
  async ready(@Res({ passthrough: true }) response: Response): Promise<HealthCheckResult> {
    try {
      return await this.health.check([() => this.dependencies.database(), () => this.dependencies.temporalService()]);
    } catch (error) {
      // Terminus answers "not ready" with an exception carrying the result; answer it as it is.
      if (!(error instanceof ServiceUnavailableException)) throw error;
      response.status(HttpStatus.SERVICE_UNAVAILABLE);
      return error.getResponse() as HealthCheckResult;
    }
  }
}
