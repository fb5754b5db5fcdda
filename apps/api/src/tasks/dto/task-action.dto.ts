import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class RequestIdDto {
  @ApiPropertyOptional({ description: 'Idempotency key (the Idempotency-Key header takes precedence)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  requestId?: string;
}

export class DelegateTaskDto extends RequestIdDto {
  @ApiProperty({ example: 'peter', description: 'User the task is delegated to' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  to!: string;
}

export class CommentTaskDto extends RequestIdDto {
  @ApiProperty({ example: 'Waiting for the customer to send the revised tender' })
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  text!: string;
}

export class TaskActionResponse {
  @ApiProperty() taskId!: string;
  @ApiProperty({ example: { role: 'pm' }, description: 'Whom the task is offered to now' }) assignee!: { role: string } | { user: string };
  @ApiPropertyOptional({ nullable: true, type: String }) claimedBy!: string | null;
  @ApiProperty() requestId!: string;
}
