import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { IdempotencyKey } from '../idempotency/idempotency-key.decorator';
import { RaiseChangeRequestDto } from './dto/change-request.dto';
import { PostReadingsDto } from './dto/post-readings.dto';
import {
  ChangeRequestRaisedResponse,
  ActionItemsResponse,
  ChangeRequestsResponse,
  DeviationAnalysesResponse,
  KpiReportResponse,
  MeetingsResponse,
  MetricReadingsResponse,
  PostedReadingsResponse,
  ProgressResponse,
  TimelineResponse,
} from './dto/project-tracking.responses';
import { ActionItemsQueryDto, KpiReportQueryDto, ReadingsQueryDto, TimelineQueryDto } from './dto/tracking-query.dto';
import { kpiReportCsv } from './kpi-report-csv';
import { wantsCsv } from '../csv/wants-csv';
import { ProjectTrackingService } from './project-tracking.service';

@ApiTags('tracking')
@ApiBearerAuth()
@Controller('projects/:id')
export class ProjectTrackingController {
  constructor(private readonly tracking: ProjectTrackingService) {}

  @Get('progress')
  @ApiOkResponse({ type: ProgressResponse })
  @ApiNotFoundResponse({ description: 'No progress table reported yet' })
  progress(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ProgressResponse> {
    return this.tracking.progress(user, id);
  }

  @Get('metric-readings')
  @ApiOkResponse({ type: MetricReadingsResponse, description: 'Oldest first' })
  async readings(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Query() query: ReadingsQueryDto): Promise<MetricReadingsResponse> {
    return { items: await this.tracking.readings(user, id, query.metric) };
  }

  @Post('metric-readings')
  @HttpCode(HttpStatus.ACCEPTED)
  @IdempotencyKey({ description: 'A repeat records nothing twice' })
  @ApiAcceptedResponse({ type: PostedReadingsResponse, description: 'Handed to the running stage: a reading beyond one of its thresholds starts its analysis' })
  @ApiConflictResponse({ description: 'The project has ended, or is between stages' })
  postReadings(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: PostReadingsDto,
    @Headers('idempotency-key') requestId: string | undefined,
  ): Promise<PostedReadingsResponse> {
    return this.tracking.postReadings(user, id, dto, requestId);
  }

  @Get('meetings')
  @ApiOkResponse({
    type: MeetingsResponse,
    description:
      'Meetings scheduled, held or cancelled, oldest first, with attendees, agenda, minutes and action items (a customer: those they are invited to)',
  })
  async meetings(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<MeetingsResponse> {
    return { items: await this.tracking.meetings(user, id) };
  }

  @Post('change-requests')
  @HttpCode(HttpStatus.ACCEPTED)
  @IdempotencyKey({ description: 'A repeat starts nothing twice' })
  @ApiAcceptedResponse({ type: ChangeRequestRaisedResponse, description: 'The adjust sub-process started (members, customers included)' })
  @ApiForbiddenResponse({
    description:
      'FORBIDDEN: not a member of the project (overseers included), or not a member in one of the roles the definition lets raise change-request (`raisedBy`); details name `signal`',
  })
  @ApiUnprocessableEntityResponse({
    description:
      'PROJECT_EVENT_INVALID_DATA: the request does not fit the form the definition declares for change-request; each detail names its field under `data`. Nothing is started',
  })
  @ApiConflictResponse({ description: 'No running stage takes change requests, or the project has ended' })
  raiseChangeRequest(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RaiseChangeRequestDto,
    @Headers('idempotency-key') requestId: string | undefined,
  ): Promise<ChangeRequestRaisedResponse> {
    return this.tracking.raiseChangeRequest(user, id, dto, requestId);
  }

  @Get('change-requests')
  @ApiOkResponse({ type: ChangeRequestsResponse })
  async changeRequests(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ChangeRequestsResponse> {
    return { items: await this.tracking.changeRequests(user, id) };
  }

  @Get('action-items')
  @ApiOkResponse({
    type: ActionItemsResponse,
    description:
      'The action items of every meeting’s minutes, soonest due first, with where each stands (a customer: those of meetings they are invited to, and their own)',
  })
  @ApiBadRequestResponse({ description: 'An unknown status, or overdue other than true or false; details name the parameter' })
  async actionItems(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Query() query: ActionItemsQueryDto): Promise<ActionItemsResponse> {
    return { items: await this.tracking.actionItems(user, id, query) };
  }

  @Get('deviation-analyses')
  @ApiOkResponse({
    type: DeviationAnalysesResponse,
    description:
      'Each deviation analysis with its breach, causes by category, corrective actions, follow-up checks and lessons (members in an internal role and overseers)',
  })
  async deviationAnalyses(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<DeviationAnalysesResponse> {
    return { items: await this.tracking.deviationAnalyses(user, id) };
  }

  @Get('timeline')
  @ApiOkResponse({ type: TimelineResponse, description: 'Dated history for people (members in an internal role and overseers)' })
  async timeline(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Query() query: TimelineQueryDto): Promise<TimelineResponse> {
    return { items: await this.tracking.timeline(user, id, query.kind ?? []) };
  }

  @Get('kpi-report')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    type: KpiReportResponse,
    description: 'KPIs and incentive recommendations (members in an internal role and overseers); CSV with ?format=csv or Accept: text/csv',
  })
  async kpiReport(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: KpiReportQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<KpiReportResponse | string> {
    const report = await this.tracking.kpiReport(user, id);
    if (!wantsCsv(query.format, accept)) return report;
    response.type('text/csv').attachment(`kpi-report-${id}.csv`);
    return kpiReportCsv(report);
  }
}
