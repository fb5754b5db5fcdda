import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { IdempotencyKey } from '../idempotency/idempotency-key.decorator';
import { IncidentListResponse, IncidentResponse, IncidentsQueryDto, ResolveIncidentDto, RetryIncidentDto } from './dto/incident.dto';
import { IncidentsService } from './incidents.service';

const ADMIN = ['admin'];
const READERS = ['admin', 'auditor'];

@ApiTags('incidents')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'Reading needs the admin or auditor role; resolving needs admin' })
@Controller('incidents')
export class IncidentsController {
  constructor(private readonly incidents: IncidentsService) {}

  @Get()
  @Roles(READERS)
  @ApiOkResponse({ type: IncidentListResponse, description: 'Incidents, newest first: open ones unless `status` says otherwise' })
  async list(@Query() query: IncidentsQueryDto): Promise<IncidentListResponse> {
    return { items: await this.incidents.list(query) };
  }

  @Get(':id')
  @Roles(READERS)
  @ApiOkResponse({ type: IncidentResponse })
  @ApiNotFoundResponse({ description: 'No such incident' })
  get(@Param('id') id: string): Promise<IncidentResponse> {
    return this.incidents.get(id);
  }

  @Post(':id/retry')
  @HttpCode(HttpStatus.OK)
  @Roles(ADMIN)
  @IdempotencyKey()
  @ApiOkResponse({
    type: IncidentResponse,
    description: 'The failed activity runs again, or the failed stage from just before its failure, on the code deployed now',
  })
  @ApiNotFoundResponse({ description: 'No such incident' })
  @ApiConflictResponse({ description: 'The incident is no longer open' })
  retry(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() dto: RetryIncidentDto,
    @Headers('idempotency-key') requestId?: string,
  ): Promise<IncidentResponse> {
    return this.incidents.retry(user, id, dto.reason, requestId);
  }

  @Post(':id/skip')
  @HttpCode(HttpStatus.OK)
  @Roles(ADMIN)
  @IdempotencyKey()
  @ApiOkResponse({ type: IncidentResponse, description: 'The project goes on without what failed' })
  @ApiNotFoundResponse({ description: 'No such incident' })
  @ApiConflictResponse({ description: 'The incident is no longer open, or what failed cannot be skipped (its result is needed)' })
  skip(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() dto: ResolveIncidentDto,
    @Headers('idempotency-key') requestId?: string,
  ): Promise<IncidentResponse> {
    return this.incidents.skip(user, id, dto.reason, requestId);
  }

  @Post(':id/cancel')
  @HttpCode(HttpStatus.OK)
  @Roles(ADMIN)
  @IdempotencyKey()
  @ApiOkResponse({ type: IncidentResponse, description: "The incident's project ends as cancelled: its stages stop and its open tasks close" })
  @ApiNotFoundResponse({ description: 'No such incident' })
  @ApiConflictResponse({ description: 'The incident is no longer open, or its project has ended' })
  cancel(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() dto: ResolveIncidentDto,
    @Headers('idempotency-key') requestId?: string,
  ): Promise<IncidentResponse> {
    return this.incidents.cancel(user, id, dto.reason, requestId);
  }
}
