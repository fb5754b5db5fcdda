import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUrl, Matches, MaxLength, MinLength } from 'class-validator';
import { ALL_WEBHOOK_EVENTS, WEBHOOK_EVENT_TYPES } from '@accord/persistence';

export const EVENT_FILTERS = [ALL_WEBHOOK_EVENTS, ...WEBHOOK_EVENT_TYPES];

const URL_MESSAGE = 'url must be an http:// or https:// URL';
const EVENTS_MESSAGE = `each event must be ${ALL_WEBHOOK_EVENTS} or one of ${WEBHOOK_EVENT_TYPES.join(', ')}`;
const SECRET_MESSAGE = 'secret must be 16 to 200 printable ASCII characters without spaces';

/** A new subscription; the secret is generated unless given, and shown once in the answer. */
export class CreateWebhookDto {
  @ApiProperty({ example: 'https://crm.example.com/hooks/accord', description: 'Where every delivery is POSTed (http or https)' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: URL_MESSAGE })
  @MaxLength(2000)
  url!: string;

  @ApiPropertyOptional({
    enum: EVENT_FILTERS,
    isArray: true,
    default: [ALL_WEBHOOK_EVENTS],
    description: 'Event types to deliver; `*` for every type, those added later included',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(EVENT_FILTERS.length)
  @ArrayUnique()
  @IsIn(EVENT_FILTERS, { each: true, message: EVENTS_MESSAGE })
  events?: string[];

  @ApiPropertyOptional({ description: 'The signing secret, when the receiver has one already; otherwise one is generated', minLength: 16, maxLength: 200 })
  @IsOptional()
  @IsString()
  @Matches(/^[\x21-\x7e]{16,200}$/, { message: SECRET_MESSAGE })
  secret?: string;

  @ApiPropertyOptional({ example: 'Zoho CRM: customers and project milestones' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  description?: string;

  @ApiPropertyOptional({ default: true, description: 'An inactive subscription gets no new deliveries' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

/** What an admin changes on a subscription; what is left out stays. */
export class UpdateWebhookDto {
  @ApiPropertyOptional({ example: 'https://crm.example.com/hooks/accord', description: 'Deliveries still pending go to the new URL' })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: URL_MESSAGE })
  @MaxLength(2000)
  url?: string;

  @ApiPropertyOptional({ enum: EVENT_FILTERS, isArray: true, description: 'Applies to events from now on; deliveries already queued are sent' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(EVENT_FILTERS.length)
  @ArrayUnique()
  @IsIn(EVENT_FILTERS, { each: true, message: EVENTS_MESSAGE })
  events?: string[];

  @ApiPropertyOptional({ description: 'false stops queuing new deliveries; those already queued are still sent' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ maxLength: 500, nullable: true, type: String, description: 'null clears it' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  description?: string | null;
}

/** A new secret: given, or generated when left out. */
export class RotateWebhookSecretDto {
  @ApiPropertyOptional({ description: 'The new signing secret; generated when left out', minLength: 16, maxLength: 200 })
  @IsOptional()
  @IsString()
  @Matches(/^[\x21-\x7e]{16,200}$/, { message: SECRET_MESSAGE })
  secret?: string;
}

export class WebhookSubscriptionResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() url!: string;
  @ApiProperty({ enum: EVENT_FILTERS, isArray: true }) events!: string[];
  @ApiProperty() active!: boolean;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty() createdBy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

/** The answer to creating a subscription or rotating its secret: the only time the secret is shown. */
export class WebhookSubscriptionWithSecretResponse extends WebhookSubscriptionResponse {
  @ApiProperty({ description: 'Signs every delivery (HMAC-SHA256); shown only now, keep it' }) secret!: string;
}

export class WebhookSubscriptionListResponse {
  @ApiProperty({ type: [WebhookSubscriptionResponse] }) items!: WebhookSubscriptionResponse[];
}
