import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ProjectStatus } from '@accord/contracts';
import { PROJECT_STATUSES } from './project-list-query.dto';

export class ProjectCustomerResponse {
  @ApiProperty({ example: 'acme', description: 'GET /customers/{key}' }) key!: string;
  @ApiProperty({ example: 'ACME Manufacturing' }) name!: string;
}

/** One row of the projects list: what a manager scans, without the project's own trail. */
export class ProjectSummaryResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: 'expectation-signoff' }) definitionKey!: string;
  @ApiProperty({ example: 1, description: 'The definition version the project runs on now' }) definitionVersion!: number;
  @ApiProperty({ enum: PROJECT_STATUSES }) status!: ProjectStatus;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'erp-east' }) team!: string | null;
  @ApiPropertyOptional({ nullable: true, type: ProjectCustomerResponse }) customer!: ProjectCustomerResponse | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Stage running now (or where the project ended)' }) currentStage!: string | null;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ format: 'date-time', description: 'When anything last happened in the project (its latest audit event, its start or its end)' })
  updatedAt!: string;
  @ApiProperty({ example: 'project/0d6f2c1e-5b7a-4c3d-9e8f-1a2b3c4d5e6f', description: "The project's workflow in Temporal" }) workflowId!: string;
  @ApiProperty({ description: 'Tasks open in the project now' }) openTasks!: number;
  @ApiProperty({ description: 'Incidents that stop part of the project until an admin resolves them' }) openIncidents!: number;
}

export class ProjectListResponse {
  @ApiProperty({ type: [ProjectSummaryResponse] }) items!: ProjectSummaryResponse[];
  @ApiProperty({ description: 'Projects matching the filters in all pages' }) total!: number;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Pass as cursor for the next page; null on the last page' }) nextCursor!: string | null;
}
