import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { IdempotencyKey } from '../idempotency/idempotency-key.decorator';
import { CompleteTaskDto } from './dto/complete-task.dto';
import { CommentTaskDto, DelegateTaskDto, RequestIdDto, TaskActionResponse } from './dto/task-action.dto';
import { CompletionResponse, TaskResponse } from './dto/task.response';
import { TasksService } from './tasks.service';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller()
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get('tasks/:id')
  @ApiOkResponse({ type: TaskResponse })
  get(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<TaskResponse> {
    return this.tasks.get(user, id);
  }

  @Post('tasks/:id/claim')
  @HttpCode(HttpStatus.OK)
  @IdempotencyKey()
  @ApiOkResponse({ type: TaskActionResponse, description: 'Claimed: nobody else may complete or claim it until released' })
  @ApiConflictResponse({ description: 'Claimed by someone else, or no longer open' })
  claim(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() dto: RequestIdDto,
    @Headers('idempotency-key') requestId?: string,
  ): Promise<TaskActionResponse> {
    return this.tasks.act(user, id, { kind: 'claim' }, requestId ?? dto.requestId);
  }

  @Post('tasks/:id/release')
  @HttpCode(HttpStatus.OK)
  @IdempotencyKey()
  @ApiOkResponse({ type: TaskActionResponse, description: 'Released: offered to its role again' })
  @ApiConflictResponse({ description: 'Not claimed by the caller' })
  release(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() dto: RequestIdDto,
    @Headers('idempotency-key') requestId?: string,
  ): Promise<TaskActionResponse> {
    return this.tasks.act(user, id, { kind: 'release' }, requestId ?? dto.requestId);
  }

  @Post('tasks/:id/delegate')
  @HttpCode(HttpStatus.OK)
  @IdempotencyKey()
  @ApiOkResponse({ type: TaskActionResponse, description: 'Delegated to a user; the original assignee stays in the history' })
  @ApiUnprocessableEntityResponse({ description: 'The user may not hold the task: no member of the project, or not in an internal role (details name `to`)' })
  delegate(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() dto: DelegateTaskDto,
    @Headers('idempotency-key') requestId?: string,
  ): Promise<TaskActionResponse> {
    return this.tasks.act(user, id, { kind: 'delegate', to: dto.to }, requestId ?? dto.requestId);
  }

  @Post('tasks/:id/comment')
  @HttpCode(HttpStatus.OK)
  @IdempotencyKey()
  @ApiOkResponse({ type: TaskActionResponse, description: 'Comment recorded in the task history' })
  comment(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() dto: CommentTaskDto,
    @Headers('idempotency-key') requestId?: string,
  ): Promise<TaskActionResponse> {
    return this.tasks.act(user, id, { kind: 'comment', text: dto.text }, requestId ?? dto.requestId);
  }

  @Post('tasks/:id/withdraw')
  @HttpCode(HttpStatus.OK)
  @IdempotencyKey()
  @ApiOkResponse({
    type: TaskActionResponse,
    description:
      'The submitter took the approval request back: its open approver tasks are cancelled and the work goes back for rework (or the stage ends, if the step allows none)',
  })
  withdraw(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() dto: RequestIdDto,
    @Headers('idempotency-key') requestId?: string,
  ): Promise<TaskActionResponse> {
    return this.tasks.act(user, id, { kind: 'withdraw' }, requestId ?? dto.requestId);
  }

  @Post('tasks/:id/complete')
  @HttpCode(HttpStatus.OK)
  @IdempotencyKey({ description: 'Request id; a repeat returns the first result and changes nothing' })
  @ApiOkResponse({ type: CompletionResponse })
  @ApiConflictResponse({ description: 'The task is already completed (by another request) or no longer open' })
  @ApiUnprocessableEntityResponse({
    description: 'Outcome not allowed, form data invalid, or goals a baseline will publish not SMART (details name the fields)',
  })
  complete(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() dto: CompleteTaskDto,
    @Headers('idempotency-key') requestId: string | undefined,
  ): Promise<CompletionResponse> {
    return this.tasks.complete(user, id, dto, requestId);
  }
}
