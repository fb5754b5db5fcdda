import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiForbiddenResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { ErrorCode } from '../errors/accord.exception';
import { WebhookDeliveriesQueryDto, WebhookDeliveryListResponse, WebhookDeliveryResponse } from './dto/webhook-delivery.dto';
import {
  CreateWebhookDto,
  RotateWebhookSecretDto,
  UpdateWebhookDto,
  WebhookSubscriptionListResponse,
  WebhookSubscriptionResponse,
  WebhookSubscriptionWithSecretResponse,
} from './dto/webhook-subscription.dto';
import { WebhookException } from './webhook.exception';
import { WebhooksService } from './webhooks.service';

const ADMIN = ['admin'];

/** A path parameter that must be a UUID: 400 naming it, instead of a query PostgreSQL refuses. */
const uuid = (path: string) =>
  new ParseUUIDPipe({
    exceptionFactory: () => new WebhookException(ErrorCode.VALIDATION_FAILED, `${path} must be a UUID`, [{ path, message: 'must be a UUID' }]),
  });

@ApiTags('webhooks')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'Webhooks are for admins only' })
@Roles(ADMIN)
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @ApiCreatedResponse({ type: WebhookSubscriptionWithSecretResponse, description: 'The subscription, with its signing secret: shown this once' })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateWebhookDto): Promise<WebhookSubscriptionWithSecretResponse> {
    return this.webhooks.create(user, dto);
  }

  @Get()
  @ApiOkResponse({ type: WebhookSubscriptionListResponse, description: 'Every subscription, oldest first, without secrets' })
  async list(): Promise<WebhookSubscriptionListResponse> {
    return { items: await this.webhooks.list() };
  }

  @Get(':id')
  @ApiOkResponse({ type: WebhookSubscriptionResponse })
  @ApiNotFoundResponse({ description: 'No such subscription' })
  get(@Param('id', uuid('id')) id: string): Promise<WebhookSubscriptionResponse> {
    return this.webhooks.get(id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: WebhookSubscriptionResponse, description: 'The subscription as changed' })
  @ApiNotFoundResponse({ description: 'No such subscription' })
  update(@Param('id', uuid('id')) id: string, @Body() dto: UpdateWebhookDto): Promise<WebhookSubscriptionResponse> {
    return this.webhooks.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Deleted, with its deliveries (pending ones are not sent)' })
  @ApiNotFoundResponse({ description: 'No such subscription' })
  remove(@Param('id', uuid('id')) id: string): Promise<void> {
    return this.webhooks.remove(id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: WebhookSubscriptionWithSecretResponse, description: 'The new secret, shown this once; every attempt from now on is signed with it' })
  @ApiNotFoundResponse({ description: 'No such subscription' })
  rotateSecret(@Param('id', uuid('id')) id: string, @Body() dto: RotateWebhookSecretDto): Promise<WebhookSubscriptionWithSecretResponse> {
    return this.webhooks.rotateSecret(id, dto.secret);
  }

  @Get(':id/deliveries')
  @ApiOkResponse({ type: WebhookDeliveryListResponse, description: 'Recent deliveries, newest first, with status, attempts and last error' })
  @ApiNotFoundResponse({ description: 'No such subscription' })
  async deliveries(@Param('id', uuid('id')) id: string, @Query() query: WebhookDeliveriesQueryDto): Promise<WebhookDeliveryListResponse> {
    return { items: await this.webhooks.deliveries(id, query) };
  }

  @Post(':id/deliveries/:deliveryId/redeliver')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({
    type: WebhookDeliveryResponse,
    description: 'A dead (or delivered) event is pending again, attempts reset, due at once, under the same event id; a pending one is answered as it is',
  })
  @ApiNotFoundResponse({ description: 'No such subscription or delivery' })
  redeliver(@Param('id', uuid('id')) id: string, @Param('deliveryId', uuid('deliveryId')) deliveryId: string): Promise<WebhookDeliveryResponse> {
    return this.webhooks.redeliver(id, deliveryId);
  }
}
