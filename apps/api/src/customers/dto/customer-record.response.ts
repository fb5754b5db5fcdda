import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ProjectKpis, ProjectStatus } from '@accord/contracts';
import type { RolledUpKpis } from '@accord/domain';
import { CustomerAnalysesResponse } from './customer-analyses.response';
import { CustomerProfileResponse } from './customer-profile.dto';

export class CustomerRequirementResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'uuid', description: 'The project that recorded it' }) projectId!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The confirmed specification' }) specification!: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) recordedBy!: string | null;
}

export class CustomerFeedbackResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'uuid' }) projectId!: string;
  @ApiProperty({ description: 'hotline, online-form, email, return-visit' }) channel!: string;
  @ApiProperty() description!: string;
  @ApiProperty() complaint!: boolean;
  @ApiProperty() raisedBy!: string;
  @ApiProperty({ format: 'date-time' }) raisedAt!: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status!: 'open' | 'closed';
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) closedAt!: string | null;
}

export class CustomerSurveyResponse {
  @ApiProperty({ description: 'The satisfaction reading' }) id!: string;
  @ApiProperty({ format: 'uuid' }) projectId!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ description: 'The satisfaction score: mean of the answers, 1..5' }) score!: number;
  @ApiPropertyOptional({ nullable: true, type: Number }) overall!: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) deliverables!: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) service!: number | null;
}

export class CustomerProjectResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['running', 'completed', 'rejected', 'failed', 'cancelled'] }) status!: ProjectStatus;
  @ApiPropertyOptional({ nullable: true, type: String }) currentStage!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) team!: string | null;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) finishedAt!: string | null;
  @ApiProperty({ description: 'true once the project was assessed; false: its KPIs as recorded so far' }) final!: boolean;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The project’s KPIs, as in GET /projects/{id}/kpi-report' }) kpis!: ProjectKpis;
}

export class CustomerRecordResponse {
  @ApiProperty({ example: 'acme' }) key!: string;
  @ApiProperty({ example: 'ACME Manufacturing' }) name!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'date-time',
    description: 'When the first project for them started; null for a customer imported before any project',
  })
  since!: string | null;
  @ApiProperty({ type: [CustomerProjectResponse], description: 'One page (limit, cursor) of their projects the caller may see, oldest first' })
  projects!: CustomerProjectResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Cursor of the next page of projects; null on the last' }) nextCursor!: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Their KPIs over every project the caller may see (not only this page), combined as for a team (GET /teams/{team}/kpi-report)',
  })
  kpis!: RolledUpKpis;
  @ApiProperty({ description: 'Projects for them left out because the caller is not in them in an internal role (0 for admins and auditors)' })
  projectsNotVisible!: number;
  @ApiProperty({ type: CustomerProfileResponse, description: 'Industry, size, region, contacts, contract value (all empty until given)' })
  profile!: CustomerProfileResponse;
  @ApiProperty({ type: [CustomerRequirementResponse], description: 'Their requirement history from every project the caller may see, by version' })
  requirements!: CustomerRequirementResponse[];
  @ApiProperty({ type: [CustomerFeedbackResponse], description: 'Feedback and complaints from every project the caller may see, oldest first' })
  feedback!: CustomerFeedbackResponse[];
  @ApiProperty({ type: [CustomerSurveyResponse], description: 'Satisfaction surveys from every project the caller may see, oldest first' })
  surveys!: CustomerSurveyResponse[];
  @ApiProperty({
    type: CustomerAnalysesResponse,
    description: 'Classification, value analysis and churn warning over every project the caller may see, each with what it was computed from',
  })
  analyses!: CustomerAnalysesResponse;
}
