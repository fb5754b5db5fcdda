import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { ProjectPositionResponse } from './project-position.responses';
import { ProjectPositionService } from './project-position.service';

@ApiTags('projects')
@ApiBearerAuth()
@Controller('projects')
export class ProjectPositionController {
  constructor(private readonly positions: ProjectPositionService) {}

  @Get(':id/position')
  @ApiOkResponse({
    type: ProjectPositionResponse,
    description: 'Each step of its definition: done, open (with its open tasks), waiting on a timer, failed (an open incident) or not reached',
  })
  @ApiNotFoundResponse({ description: 'No such project, or the caller may not read it' })
  position(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ProjectPositionResponse> {
    return this.positions.position(user, id);
  }
}
