import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AuditAction, ProjectStatus } from '@accord/contracts';

export class PinnedDefinitionResponse {
  @ApiProperty({ example: 'expectation-signoff' }) key!: string;
  @ApiProperty({ example: 1 }) version!: number;
}

export class ProjectResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: PinnedDefinitionResponse }) definition!: PinnedDefinitionResponse;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'erp-east', description: 'The team that delivers the project' }) team!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'acme', description: 'The key of the customer it is for (GET /customers/{key})' }) customer!:
    string | null;
  @ApiProperty({ enum: ['running', 'completed', 'rejected', 'failed', 'cancelled'] }) status!: ProjectStatus;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Stage running now (or where the project ended)' }) currentStage!: string | null;
  @ApiProperty() startedBy!: string;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) finishedAt!: string | null;
  @ApiProperty({ description: 'Incidents that stop part of the project until an admin resolves them (GET /incidents?project=)' }) openIncidents!: number;
}

export class AuditEventResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'task.completed' }) action!: AuditAction;
  @ApiProperty({ description: 'User id, or "system" for what the engine did by itself' }) actor!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) subject!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) reason!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) requestId!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) detail!: Record<string, unknown>;
}

export class AuditTrailResponse {
  @ApiProperty({ type: [AuditEventResponse] }) items!: AuditEventResponse[];
}
