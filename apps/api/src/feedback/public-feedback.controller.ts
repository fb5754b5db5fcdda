import { Body, Controller, Headers, HttpCode, HttpStatus, Ip, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNotFoundResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator';
import { IdempotencyKey } from '../idempotency/idempotency-key.decorator';
import { FeedbackReceivedResponse, PublicFeedbackDto } from './dto/feedback.dto';
import { FeedbackService } from './feedback.service';

/** The customer's online form: no account, the link's token is the authorisation. */
@ApiTags('feedback')
@Controller('public/feedback')
export class PublicFeedbackController {
  constructor(private readonly feedback: FeedbackService) {}

  @Post(':token')
  @Public()
  @HttpCode(HttpStatus.ACCEPTED)
  @IdempotencyKey()
  @ApiAcceptedResponse({ type: FeedbackReceivedResponse })
  @ApiNotFoundResponse({ description: 'Unknown or replaced link (counted against the client address only, never against a form)' })
  @ApiTooManyRequestsResponse({
    description:
      'Too many submissions through this link from this client address, or too many unknown links tried from it, in the last hour; Retry-After says when to try again',
  })
  submit(
    @Param('token') token: string,
    @Body() dto: PublicFeedbackDto,
    @Ip() address: string,
    @Headers('idempotency-key') requestId: string | undefined,
  ): Promise<FeedbackReceivedResponse> {
    return this.feedback.submitPublic(token, dto, address, requestId);
  }
}
