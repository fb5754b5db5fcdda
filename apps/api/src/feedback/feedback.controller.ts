import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { IdempotencyKey } from '../idempotency/idempotency-key.decorator';
import { FeedbackLinkResponse, FeedbackLinkStatusResponse, FeedbackListResponse, FeedbackReceivedResponse, SubmitFeedbackDto } from './dto/feedback.dto';
import { FeedbackService } from './feedback.service';

@ApiTags('feedback')
@ApiBearerAuth()
@Controller('projects/:id')
export class FeedbackController {
  constructor(private readonly feedback: FeedbackService) {}

  @Post('feedback')
  @HttpCode(HttpStatus.ACCEPTED)
  @IdempotencyKey({ description: 'A repeat records nothing twice' })
  @ApiAcceptedResponse({
    type: FeedbackReceivedResponse,
    description: 'Recorded: its sub-process routes it to an owner and follows it to closure (members, customers included)',
  })
  @ApiForbiddenResponse({
    description:
      'FORBIDDEN: not a member of the project (overseers included), or not a member in one of the roles the definition lets raise it (the `raisedBy` of feedback, or of complaint with `complaint: true`); details name `signal`',
  })
  @ApiUnprocessableEntityResponse({
    description:
      'PROJECT_EVENT_INVALID_DATA: the request does not fit the form the definition declares for feedback (or complaint); each detail names its field under `data`. Nothing is started',
  })
  @ApiConflictResponse({ description: 'The project has ended, or its running stage takes no feedback' })
  submit(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: SubmitFeedbackDto,
    @Headers('idempotency-key') requestId: string | undefined,
  ): Promise<FeedbackReceivedResponse> {
    return this.feedback.submit(user, id, dto, requestId);
  }

  @Get('feedback')
  @ApiOkResponse({ type: FeedbackListResponse })
  async list(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<FeedbackListResponse> {
    return { items: await this.feedback.list(user, id) };
  }

  @Post('feedback-link')
  @ApiCreatedResponse({
    type: FeedbackLinkResponse,
    description: 'A new public online-form link for the customer; the previous one stops working (admins, or members in a role that starts projects)',
  })
  createLink(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<FeedbackLinkResponse> {
    return this.feedback.createLink(user, id);
  }

  @Get('feedback-link')
  @ApiOkResponse({
    type: FeedbackLinkStatusResponse,
    description:
      'Whether a link exists, and who made it (the token itself is never shown again): members in a role that starts projects, and overseers (admins, auditors)',
  })
  linkStatus(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<FeedbackLinkStatusResponse> {
    return this.feedback.linkStatus(user, id);
  }
}
