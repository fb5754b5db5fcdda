import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { NotificationListResponse, NotificationResponse } from './dto/notification.response';
import { NotificationsQueryDto } from './dto/notifications-query.dto';
import { NotificationsService } from './notifications.service';

const ADMIN = ['admin'];
const READERS = ['admin', 'auditor'];

@ApiTags('notifications')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No valid bearer token' })
@ApiForbiddenResponse({ description: 'Reading needs the admin or auditor role; retrying needs admin' })
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @Roles(READERS)
  @ApiOkResponse({ type: NotificationListResponse, description: 'Notifications in the outbox, newest first: dead letters unless `status` says otherwise' })
  @ApiBadRequestResponse({ description: 'An unknown status, a project that is not a UUID, or a limit out of range; details name the parameter' })
  async list(@Query() query: NotificationsQueryDto): Promise<NotificationListResponse> {
    return { items: await this.notifications.list(query) };
  }

  @Post(':id/retry')
  @HttpCode(HttpStatus.OK)
  @Roles(ADMIN)
  @ApiOkResponse({
    type: NotificationResponse,
    description: 'The dead letter is pending again, with its attempts reset, and due at once; it is sent under the same id',
  })
  @ApiNotFoundResponse({ description: 'No such notification' })
  @ApiConflictResponse({ description: 'The notification is not a dead letter (pending or sent)' })
  retry(@Param('id') id: string): Promise<NotificationResponse> {
    return this.notifications.retry(id);
  }
}
