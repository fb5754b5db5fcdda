import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { WebhookDeliveryStatus } from '@accord/persistence';

export const WEBHOOK_DELIVERY_STATUSES: WebhookDeliveryStatus[] = ['pending', 'delivered', 'dead'];

export class WebhookDeliveriesQueryDto {
  @ApiPropertyOptional({ enum: WEBHOOK_DELIVERY_STATUSES, description: 'Only deliveries in this status; all by default' })
  @IsOptional()
  @IsIn(WEBHOOK_DELIVERY_STATUSES)
  status?: WebhookDeliveryStatus;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class WebhookDeliveryResponse {
  @ApiProperty({ format: 'uuid', description: 'This delivery (one event to one subscription)' }) id!: string;
  @ApiProperty({ format: 'uuid' }) subscriptionId!: string;
  @ApiProperty({ description: 'The event id the receiver gets (`Accord-Webhook-Id`), the same on every attempt' }) eventId!: string;
  @ApiProperty({ example: 'project.stage-completed' }) eventType!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: "The event's `data`, as sent" }) data!: Record<string, unknown>;
  @ApiProperty({ enum: WEBHOOK_DELIVERY_STATUSES }) status!: WebhookDeliveryStatus;
  @ApiProperty({ description: 'Attempts made since it was queued or last redelivered' }) attempts!: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When a pending delivery is tried next' }) nextAttemptAt!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastAttemptAt!: string | null;
  @ApiProperty({ nullable: true, type: Number, description: "The receiver's HTTP status at the last attempt; null when it did not answer" }) lastStatusCode!:
    number | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why the last attempt failed' }) lastError!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) deliveredAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class WebhookDeliveryListResponse {
  @ApiProperty({ type: [WebhookDeliveryResponse] }) items!: WebhookDeliveryResponse[];
}
