import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { DefinitionVersionStatus } from '@accord/persistence';

export class DefinitionErrorResponse {
  @ApiProperty({ example: 'UNKNOWN_ROLE' }) code!: string;
  @ApiProperty({ example: 'stages[0].steps[1].assignee.role' }) path!: string;
  @ApiProperty() message!: string;
  @ApiPropertyOptional({ description: '1-based line in the YAML source' }) line?: number;
  @ApiPropertyOptional({ description: '1-based column in the YAML source' }) column?: number;
}

export class ValidationResultResponse {
  @ApiProperty() valid!: boolean;
  @ApiProperty({ type: [DefinitionErrorResponse] }) errors!: DefinitionErrorResponse[];
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'Only when valid: the compiled definition a project would receive (for a live diagram)',
  })
  compiled?: Record<string, unknown>;
}

export class DefinitionVersionSummaryResponse {
  @ApiProperty({ example: 'expectation-signoff' }) key!: string;
  @ApiProperty({ example: 1 }) version!: number;
  @ApiProperty({ enum: ['published', 'deprecated'] }) status!: DefinitionVersionStatus;
  @ApiProperty() name!: string;
  @ApiProperty() checksum!: string;
  @ApiProperty() publishedBy!: string;
  @ApiProperty({ format: 'date-time' }) publishedAt!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) deprecatedBy!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) deprecatedAt!: string | null;
}

export class DefinitionVersionResponse extends DefinitionVersionSummaryResponse {
  @ApiProperty({ description: 'The YAML source as published' }) source!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The compiled definition projects receive' }) compiled!: Record<string, unknown>;
}

export class DraftResponse {
  @ApiProperty() key!: string;
  @ApiProperty() source!: string;
  @ApiProperty({ type: [DefinitionErrorResponse], description: 'What publishing this draft would refuse' }) errors!: DefinitionErrorResponse[];
  @ApiProperty() updatedBy!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class DefinitionListedVersionResponse extends DefinitionVersionSummaryResponse {
  @ApiProperty({ example: 3, description: 'Projects running on this version now' }) runningProjects!: number;
}

export class DefinitionKeyResponse {
  @ApiProperty() key!: string;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Newest version that starts new projects' }) current!: number | null;
  @ApiProperty({ type: [DefinitionListedVersionResponse] }) versions!: DefinitionListedVersionResponse[];
  @ApiProperty() hasDraft!: boolean;
}

export class DefinitionChangeResponse {
  @ApiProperty({ enum: ['added', 'removed', 'changed'] }) change!: 'added' | 'removed' | 'changed';
  @ApiProperty({ example: 'stages.set.steps.sign' }) path!: string;
  @ApiProperty({ example: 'step "set.sign" changed: policy: … → …' }) description!: string;
}

export class DefinitionDiffResponse {
  @ApiProperty() key!: string;
  @ApiProperty() from!: number;
  @ApiProperty() to!: number;
  @ApiProperty({ type: [DefinitionChangeResponse] }) changes!: DefinitionChangeResponse[];
}

export class DraftDiffResponse {
  @ApiProperty() key!: string;
  @ApiProperty({ description: 'The version the draft is compared with' }) from!: number;
  @ApiProperty({ type: [DefinitionChangeResponse], description: 'What publishing the draft would change' }) changes!: DefinitionChangeResponse[];
}
