import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import type { NotificationStatus } from '@accord/persistence';

export const NOTIFICATION_STATUSES: NotificationStatus[] = ['pending', 'sent', 'dead'];

export class NotificationsQueryDto {
  @ApiPropertyOptional({
    enum: NOTIFICATION_STATUSES,
    default: 'dead',
    description: '`dead`: gave up after the last attempt; `pending`: not sent yet (retrying); `sent`',
  })
  @IsOptional()
  @IsIn(NOTIFICATION_STATUSES)
  status?: NotificationStatus;

  @ApiPropertyOptional({ format: 'uuid', description: "Only this project's notifications" })
  @IsOptional()
  @IsUUID()
  project?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}
