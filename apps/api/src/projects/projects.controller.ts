import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { IdempotencyKey } from '../idempotency/idempotency-key.decorator';
import { MigrateProjectDto, MigrationResponse } from './dto/migrate-project.dto';
import { ChangeMembersDto, ProjectMemberDto } from './dto/members.dto';
import { ProjectListQueryDto } from './dto/project-list-query.dto';
import { ProjectListResponse } from './dto/project-list.response';
import { RaiseEventDto, RaiseEventResponse } from './dto/raise-event.dto';
import { AuditTrailResponse, ProjectResponse } from './dto/project.response';
import { StartProjectDto } from './dto/start-project.dto';
import { ProjectListService } from './project-list.service';
import { ProjectsService } from './projects.service';

@ApiTags('projects')
@ApiBearerAuth()
@Controller('projects')
export class ProjectsController {
  constructor(
    private readonly projects: ProjectsService,
    private readonly projectList: ProjectListService,
  ) {}

  @Get()
  @ApiOkResponse({
    type: ProjectListResponse,
    description: 'The projects the caller may read (overseers: all; everyone else: those they are a member of), filtered and paged',
  })
  list(@CurrentUser() user: AuthUser, @Query() query: ProjectListQueryDto): Promise<ProjectListResponse> {
    return this.projectList.list(user, query);
  }

  @Post()
  @IdempotencyKey({ replay: 'current', description: 'A repeat answers 200 with the project the first request started, as it is now, and starts nothing' })
  @ApiCreatedResponse({ type: ProjectResponse })
  @ApiOkResponse({ type: ProjectResponse, description: 'The project an earlier request with the same Idempotency-Key started' })
  @ApiForbiddenResponse({
    description:
      "FORBIDDEN: the token names none of the definition's starters, or names an overseer role (admin, auditor): overseers start no project, whatever other roles the token names",
  })
  async start(
    @CurrentUser() user: AuthUser,
    @Body() dto: StartProjectDto,
    @Headers('idempotency-key') requestId: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ProjectResponse> {
    const { project, created } = await this.projects.start(user, dto, requestId);
    response.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return project;
  }

  @Get(':id')
  @ApiOkResponse({ type: ProjectResponse })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ProjectResponse> {
    return this.projects.get(user, id);
  }

  @Post(':id/migrate')
  @HttpCode(HttpStatus.OK)
  @Roles(['admin'])
  @IdempotencyKey({ description: 'A repeat returns the first result' })
  @ApiOkResponse({ type: MigrationResponse, description: 'Accepted: the stage running now ends on the old version, the rest runs on the new one' })
  @ApiConflictResponse({ description: 'Refused: details list every reason (a stage still to run is missing from the target, the project has ended, …)' })
  migrate(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: MigrateProjectDto,
    @Headers('idempotency-key') requestId: string | undefined,
  ): Promise<MigrationResponse> {
    return this.projects.migrate(user, id, dto, requestId);
  }

  @Post(':id/events')
  @HttpCode(HttpStatus.OK)
  @IdempotencyKey({ description: 'A repeat starts nothing twice' })
  @ApiOperation({
    summary: 'Raise an event (a complaint, a change request) that starts a sub-process',
    description:
      "Who may raise a signal is the project's pinned definition's to say: a handler's `raisedBy` names the roles whose members may (the caller's memberships in this project count, not the roles in their token), and its `form` the form the `data` must fit. A signal whose handlers declare neither may be raised by any member, as before. Overseers (admin, auditor) who are not members raise nothing; signals only the engine raises (churn-warning) are refused.",
  })
  @ApiOkResponse({ type: RaiseEventResponse, description: "The running stage's handler started a sub-process stage" })
  @ApiForbiddenResponse({
    description:
      'FORBIDDEN: not a member of the project (overseers included), not a member in one of the roles the signal is raised by, or a signal only the engine raises; details name `signal`',
  })
  @ApiUnprocessableEntityResponse({
    description:
      "PROJECT_EVENT_INVALID_DATA: the data does not fit the signal's form; each detail names its field under `data` (`data.severity`). Nothing is started",
  })
  @ApiConflictResponse({ description: 'No running stage handles this signal, or the project has ended' })
  raiseEvent(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RaiseEventDto,
    @Headers('idempotency-key') requestId: string | undefined,
  ): Promise<RaiseEventResponse> {
    return this.projects.raiseEvent(user, id, dto, requestId);
  }

  @Get(':id/members')
  @ApiOkResponse({ type: [ProjectMemberDto], description: 'The team: users and their roles in this project' })
  members(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ProjectMemberDto[]> {
    return this.projects.members(user, id);
  }

  @Post(':id/members')
  @HttpCode(HttpStatus.OK)
  @IdempotencyKey()
  @ApiOkResponse({ type: [ProjectMemberDto], description: 'The team after the change (admins, or members in a role that starts projects)' })
  changeMembers(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ChangeMembersDto,
    @Headers('idempotency-key') requestId: string | undefined,
  ): Promise<ProjectMemberDto[]> {
    return this.projects.changeMembers(user, id, dto, requestId);
  }

  @Get(':id/audit')
  @ApiOkResponse({ type: AuditTrailResponse })
  async audit(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<AuditTrailResponse> {
    return { items: await this.projects.audit(user, id) };
  }
}
