import { Body, Controller, Get, Headers, HttpStatus, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { AuditTrailResponse, ProjectResponse } from './dto/project.response';
import { StartProjectDto } from './dto/start-project.dto';
import { ProjectsService } from './projects.service';

@ApiTags('projects')
@ApiBearerAuth()
@Controller('projects')
export class ProjectsController {
  constructor(private readonly projects: ProjectsService) {}

  @Post()
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Repeating a request with the same key returns the project it started (200) instead of starting another' })
  @ApiCreatedResponse({ type: ProjectResponse })
  @ApiOkResponse({ type: ProjectResponse, description: 'The project an earlier request with the same Idempotency-Key started' })
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

  @Get(':id/audit')
  @ApiOkResponse({ type: AuditTrailResponse })
  async audit(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<AuditTrailResponse> {
    return { items: await this.projects.audit(user, id) };
  }
}
