import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiHeader, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { CompleteTaskDto } from './dto/complete-task.dto';
import { InboxQueryDto } from './dto/inbox-query.dto';
import { CompletionResponse, InboxResponse, TaskResponse } from './dto/task.response';
import { TasksService } from './tasks.service';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller()
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get('inbox')
  @ApiOkResponse({ type: InboxResponse, description: 'Open tasks assigned to the caller or offered to their roles' })
  inbox(@CurrentUser() user: AuthUser, @Query() query: InboxQueryDto): Promise<InboxResponse> {
    return this.tasks.inbox(user, query.limit);
  }

  @Get('tasks/:id')
  @ApiOkResponse({ type: TaskResponse })
  get(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<TaskResponse> {
    return this.tasks.get(user, id);
  }

  @Post('tasks/:id/complete')
  @HttpCode(HttpStatus.OK)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Request id; a repeat returns the first result and changes nothing' })
  @ApiOkResponse({ type: CompletionResponse })
  @ApiConflictResponse({ description: 'The task is already completed (by another request) or no longer open' })
  @ApiUnprocessableEntityResponse({ description: 'Outcome not allowed, or form data invalid (details name the fields)' })
  complete(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() dto: CompleteTaskDto,
    @Headers('idempotency-key') requestId: string | undefined,
  ): Promise<CompletionResponse> {
    return this.tasks.complete(user, id, dto, requestId);
  }
}
