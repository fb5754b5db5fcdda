import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import type { IncidentAction, IncidentKind, IncidentStatus } from '@accord/contracts';

export class IncidentsQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'resolved', 'all'], default: 'open' })
  @IsOptional()
  @IsIn(['open', 'resolved', 'all'])
  status?: IncidentStatus | 'all';

  @ApiPropertyOptional({ format: 'uuid', description: "Only this project's incidents" })
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

/** Retrying needs no reason; skipping and cancelling do, for the audit trail. */
export class RetryIncidentDto {
  @ApiPropertyOptional({ example: 'Fixed the data in the definition and redeployed' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class ResolveIncidentDto {
  @ApiProperty({ example: 'The meeting notes were already sent by hand' })
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  reason!: string;
}

export class IncidentResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'uuid' }) projectId!: string;
  @ApiProperty({ nullable: true, type: String }) projectName!: string | null;
  @ApiProperty({ description: 'The workflow that raised it (Temporal)' }) workflowId!: string;
  @ApiProperty({ nullable: true, type: String, description: 'For a failed stage: the stage workflow that failed' }) failedWorkflowId!: string | null;
  @ApiProperty({ nullable: true, type: String }) stageId!: string | null;
  @ApiProperty({ nullable: true, type: String }) stepId!: string | null;
  @ApiProperty({ enum: ['activity-failed', 'stage-failed', 'event-budget'] }) kind!: IncidentKind;
  @ApiProperty({ nullable: true, type: String, description: 'The activity that failed' }) activity!: string | null;
  @ApiProperty({ example: 'BadData' }) errorType!: string;
  @ApiProperty() message!: string;
  @ApiProperty({ description: 'Attempts made before the incident was raised' }) attempts!: number;
  @ApiProperty({ description: 'Whether the workflow can go on without what failed' }) skippable!: boolean;
  @ApiProperty({ enum: ['open', 'resolved'] }) status!: IncidentStatus;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty({ enum: ['retry', 'skip', 'cancel'], nullable: true }) resolution!: IncidentAction | null;
  @ApiProperty({ nullable: true, type: String }) resolvedBy!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) resolvedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
}

export class IncidentListResponse {
  @ApiProperty({ type: [IncidentResponse] }) items!: IncidentResponse[];
}
