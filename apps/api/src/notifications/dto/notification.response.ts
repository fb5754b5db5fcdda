import { ApiProperty } from '@nestjs/swagger';
import type { NotificationKind, NotificationStatus } from '@accord/persistence';

export class NotificationResponse {
  @ApiProperty({ description: 'Stable across attempts: receivers drop a message whose id they have seen' }) id!: string;
  @ApiProperty({ format: 'uuid' }) projectId!: string;
  @ApiProperty({ nullable: true, type: String }) taskId!: string | null;
  @ApiProperty({ enum: ['reminder', 'reassigned', 'escalation', 'invitation', 'message'] }) kind!: NotificationKind;
  @ApiProperty({ nullable: true, type: String, description: 'Sent to everyone in this role of the project…' }) recipientRole!: string | null;
  @ApiProperty({ nullable: true, type: String, description: '…or to this user' }) recipientUser!: string | null;
  @ApiProperty() subject!: string;
  @ApiProperty({ enum: ['pending', 'sent', 'dead'] }) status!: NotificationStatus;
  @ApiProperty({ description: 'Attempts made since it was queued or last retried by an admin' }) attempts!: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When a pending notification is tried next' }) nextAttemptAt!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastAttemptAt!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why the last attempt failed' }) lastError!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) sentAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class NotificationListResponse {
  @ApiProperty({ type: [NotificationResponse] }) items!: NotificationResponse[];
}
