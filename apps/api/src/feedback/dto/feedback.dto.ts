import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export const FEEDBACK_CHANNELS = ['hotline', 'online-form', 'email', 'return-visit'] as const;
export type FeedbackChannel = (typeof FEEDBACK_CHANNELS)[number];

/** Feedback a member records from any channel (R-EXP-6). */
export class SubmitFeedbackDto {
  @ApiProperty({ enum: FEEDBACK_CHANNELS, example: 'hotline' })
  @IsIn(FEEDBACK_CHANNELS, { message: `channel must be one of ${FEEDBACK_CHANNELS.join(', ')}` })
  channel!: FeedbackChannel;

  @ApiProperty({ example: 'The weekly report arrives after our steering meeting' })
  @IsString()
  @MinLength(3)
  @MaxLength(4000)
  description!: string;

  @ApiPropertyOptional({ description: 'A complaint, counted apart in the KPIs' })
  @IsOptional()
  @IsBoolean()
  complaint?: boolean;

  @ApiPropertyOptional({ description: 'Who to answer, when it is not the caller' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  contact?: string;
}

/** What the customer types into the public online form: the channel is the form itself. */
export class PublicFeedbackDto {
  @ApiProperty({ example: 'The login page is slow in the mornings' })
  @IsString()
  @MinLength(3)
  @MaxLength(4000)
  description!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  complaint?: boolean;

  @ApiPropertyOptional({ description: 'Name, e-mail or phone to answer' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  contact?: string;
}

export class FeedbackItemResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: FEEDBACK_CHANNELS }) channel!: string;
  @ApiProperty() description!: string;
  @ApiProperty() complaint!: boolean;
  @ApiProperty({ description: 'Who raised it: a user, or "online-form"' }) raisedBy!: string;
  @ApiProperty({ format: 'date-time' }) raisedAt!: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Whom it was routed to, once routed' }) owner!: string | null;
  @ApiProperty({ enum: ['open', 'closed'] }) status!: 'open' | 'closed';
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) closedAt!: string | null;
  @ApiProperty({ description: 'The workflow of the sub-process that follows it to closure' }) workflowId!: string;
}

export class FeedbackListResponse {
  @ApiProperty({ type: [FeedbackItemResponse] }) items!: FeedbackItemResponse[];
}

export class FeedbackReceivedResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['open'] }) status!: 'open';
}

export class FeedbackLinkResponse {
  @ApiProperty({ description: 'Shown once: only its hash is kept. Creating a link again replaces it.' }) token!: string;
  @ApiProperty({ example: '/public/feedback/…' }) path!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class FeedbackLinkStatusResponse {
  @ApiProperty() createdBy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}
