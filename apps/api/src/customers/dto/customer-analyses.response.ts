import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AbcClass, ChurnSignalName, ClassificationBasis, CustomerProjectStatus, RelationshipStage, TrendDirection } from '@accord/domain';
import { CHURN_SIGNALS } from '@accord/domain';

export class AbcThresholdsResponse {
  @ApiProperty() a!: number;
  @ApiProperty() b!: number;
}

export class StageSourcesResponse {
  @ApiProperty({ type: [String], description: 'Projects running' }) running!: string[];
  @ApiProperty({ type: [String], description: 'Projects completed' }) completed!: string[];
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) lastEndedAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) daysSinceLastEnd!: number | null;
}

export class CustomerClassificationResponse {
  @ApiProperty({ example: 'A/active' }) label!: string;
  @ApiProperty({ enum: ['A', 'B', 'C'] }) abc!: AbcClass;
  @ApiProperty({
    enum: ['contract-value', 'project-count'],
    description: 'What was classed: the contract value, or the number of projects when the profile gives no value',
  })
  basis!: ClassificationBasis;
  @ApiProperty({ description: 'The figure classed' }) figure!: number;
  @ApiProperty({ type: AbcThresholdsResponse, description: 'The thresholds of the settings it was classed against' }) thresholds!: AbcThresholdsResponse;
  @ApiProperty({ enum: ['prospect', 'active', 'dormant', 'lost'] }) stage!: RelationshipStage;
  @ApiProperty({ example: '1 project(s) running' }) stageReason!: string;
  @ApiProperty({ type: StageSourcesResponse }) stageFrom!: StageSourcesResponse;
}

export class TrendFigureResponse {
  @ApiProperty({ description: 'The reading or recorded value' }) id!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() value!: number;
}

export class SeriesTrendResponse {
  @ApiProperty({ enum: ['rising', 'flat', 'falling', 'unknown'] }) direction!: TrendDirection;
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Mean of the window’s first half' }) earlier!: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Mean of the window’s second half' }) later!: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) change!: number | null;
  @ApiProperty({ type: [TrendFigureResponse] }) figures!: TrendFigureResponse[];
}

export class ProjectOutcomesResponse implements Record<CustomerProjectStatus, string[]> {
  @ApiProperty({ type: [String] }) running!: string[];
  @ApiProperty({ type: [String] }) completed!: string[];
  @ApiProperty({ type: [String] }) cancelled!: string[];
  @ApiProperty({ type: [String] }) rejected!: string[];
  @ApiProperty({ type: [String] }) failed!: string[];
}

export class GoalsResponse {
  @ApiProperty() set!: number;
  @ApiProperty() met!: number;
}

export class ValueTrendsResponse {
  @ApiProperty() months!: number;
  @ApiProperty({ type: SeriesTrendResponse }) satisfaction!: SeriesTrendResponse;
  @ApiProperty({ type: SeriesTrendResponse }) contractValue!: SeriesTrendResponse;
}

export class CustomerValueResponse {
  @ApiPropertyOptional({ nullable: true, type: Number }) contractValue!: number | null;
  @ApiProperty({ type: ProjectOutcomesResponse, description: 'Project ids by status' }) outcomes!: ProjectOutcomesResponse;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'goals.met / goals.set, from the projects’ KPIs' }) goalsMetRatio!: number | null;
  @ApiProperty({ type: GoalsResponse }) goals!: GoalsResponse;
  @ApiProperty({ type: ValueTrendsResponse }) trends!: ValueTrendsResponse;
}

export class SignalSourceResponse {
  @ApiProperty() id!: string;
  @ApiPropertyOptional({ format: 'uuid' }) projectId?: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiPropertyOptional() value?: number;
}

export class ChurnSignalResponse {
  @ApiProperty({ enum: CHURN_SIGNALS }) name!: ChurnSignalName;
  @ApiProperty() weight!: number;
  @ApiProperty({ description: '0..1: measured / fullAt' }) value!: number;
  @ApiProperty({ description: 'weight × value' }) contribution!: number;
  @ApiProperty() measured!: number;
  @ApiProperty() fullAt!: number;
  @ApiProperty({ type: [SignalSourceResponse], description: 'What it was computed from' }) from!: SignalSourceResponse[];
  @ApiProperty() explanation!: string;
}

export class ChurnWarningResponse {
  @ApiProperty({ description: 'Σ weight × value / Σ weight, 0..1' }) score!: number;
  @ApiProperty() threshold!: number;
  @ApiProperty() warning!: boolean;
  @ApiProperty({ type: [ChurnSignalResponse] }) signals!: ChurnSignalResponse[];
}

export class CustomerAnalysesResponse {
  @ApiProperty({ format: 'date-time' }) computedAt!: string;
  @ApiProperty({ type: CustomerClassificationResponse }) classification!: CustomerClassificationResponse;
  @ApiProperty({ type: CustomerValueResponse }) value!: CustomerValueResponse;
  @ApiProperty({ type: ChurnWarningResponse }) churn!: ChurnWarningResponse;
}
