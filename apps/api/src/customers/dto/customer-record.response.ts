import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ProjectKpis, ProjectStatus } from '@accord/contracts';
import type { RolledUpKpis } from '@accord/domain';

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
  @ApiProperty({ format: 'date-time', description: 'When the first project for them started' }) since!: string;
  @ApiProperty({ type: [CustomerProjectResponse], description: 'Their projects the caller may see, oldest first' }) projects!: CustomerProjectResponse[];
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Their KPIs over those projects, combined as for a team (GET /teams/{team}/kpi-report)' }) kpis!: RolledUpKpis;
  @ApiProperty({ description: 'Projects for them left out because the caller is not in them in an internal role (0 for admins and auditors)' }) projectsNotVisible!: number;
}
