import { Controller, Get, type MessageEvent, Query, Sse } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Observable } from 'rxjs';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { InboxCountsQueryDto, InboxQueryDto } from './dto/inbox-query.dto';
import { InboxCountsResponse } from './dto/inbox-counts.response';
import { InboxResponse } from './dto/task.response';
import { InboxEventsService } from './inbox-events.service';
import { InboxService } from './inbox.service';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('inbox')
export class InboxController {
  constructor(
    private readonly inboxes: InboxService,
    private readonly events: InboxEventsService,
  ) {}

  @Get()
  @ApiOkResponse({ type: InboxResponse, description: 'Open tasks assigned to the caller or offered to their roles' })
  inbox(@CurrentUser() user: AuthUser, @Query() query: InboxQueryDto): Promise<InboxResponse> {
    return this.inboxes.inbox(user, query);
  }

  @Get('counts')
  @ApiOkResponse({ type: InboxCountsResponse, description: 'How many open tasks each filter of the inbox would show' })
  counts(@CurrentUser() user: AuthUser, @Query() query: InboxCountsQueryDto): Promise<InboxCountsResponse> {
    return this.inboxes.counts(user, query);
  }

  @Sse('events')
  @ApiOperation({
    summary: 'Live inbox (server-sent events)',
    description:
      "A `ready` event once, then an `inbox` event whenever a task of the caller's inbox may have appeared, changed or gone (read the inbox again), and a `heartbeat` every 25 s. Events carry no task.",
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'An endless text/event-stream', content: { 'text/event-stream': { schema: { type: 'string' } } } })
  live(@CurrentUser() user: AuthUser): Observable<MessageEvent> {
    return this.events.stream(user);
  }
}
