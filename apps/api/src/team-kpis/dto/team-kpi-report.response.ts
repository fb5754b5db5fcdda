import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ProjectKpis, ProjectStatus } from '@accord/contracts';
import type { RolledUpKpis, TeamMemberIncentives } from '@accord/domain';

/** A project's KPIs, as in GET /projects/{id}/kpi-report; in the team's, the projects' combined. */
export class ProjectKpisResponse implements ProjectKpis {
  @ApiPropertyOptional({ example: 4.2, description: 'On the survey scale (1–5); the team’s: the mean over its projects that have one' })
  satisfactionScore?: number;
  @ApiProperty() goalsSet!: number;
  @ApiProperty() goalsMet!: number;
  @ApiPropertyOptional({ example: 0.8, description: 'Goals met over goals set, as a fraction' }) goalsMetRatio?: number;
  @ApiPropertyOptional({ example: -0.05, description: 'The last schedule deviation, as a fraction; the team’s: the mean' }) scheduleDeviation?: number;
  @ApiPropertyOptional({ example: 0.02, description: 'The last non-conformity rate, as a fraction; the team’s: the mean' }) nonConformityRate?: number;
  @ApiProperty() feedbackItems!: number;
  @ApiPropertyOptional({ example: 12.5, description: 'Mean time to close feedback, in hours; the team’s: the mean' }) feedbackResponseHours?: number;
  @ApiProperty() complaints!: number;
  @ApiProperty() deviationBreaches!: number;
  @ApiProperty() changeRequests!: number;
}

/** The team's KPIs: counts summed, goals met over all goals set, scores and rates the mean over the projects that have them (rollUpKpis). */
export class TeamKpisResponse extends ProjectKpisResponse implements RolledUpKpis {
  @ApiProperty({ description: 'Projects rolled up: every one of the team’s the caller may see, on every page' }) projects!: number;
  @ApiProperty({ description: 'Of those, how many were assessed (final KPIs)' }) assessed!: number;
}

export class TeamProjectKpisResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['running', 'completed', 'rejected', 'failed', 'cancelled'] }) status!: ProjectStatus;
  @ApiProperty({ description: 'true once the project was assessed; false: its KPIs as recorded so far' }) final!: boolean;
  @ApiProperty({ type: ProjectKpisResponse, description: 'The project’s KPIs, as in GET /projects/{id}/kpi-report' }) kpis!: ProjectKpisResponse;
}

/** How many of a person's recommendations were of each level. */
export class IncentiveLevelsResponse {
  @ApiProperty() reward!: number;
  @ApiProperty() standard!: number;
  @ApiProperty() coaching!: number;
}

export class TeamMemberIncentivesResponse implements TeamMemberIncentives {
  @ApiProperty({ example: 'paula' }) member!: string;
  @ApiProperty({ description: 'Assessed projects of the team with a recommendation for them' }) projects!: number;
  @ApiProperty({ type: IncentiveLevelsResponse }) levels!: IncentiveLevelsResponse;
}

export class TeamKpiReportResponse {
  @ApiProperty({ example: 'erp-east' }) team!: string;
  @ApiProperty({ format: 'date-time' }) computedAt!: string;
  @ApiProperty({
    type: TeamKpisResponse,
    description:
      'Over every project of the team the caller may see, not only this page: counts summed, goals met over all goals set, scores and rates as the mean over the projects that have them',
  })
  kpis!: TeamKpisResponse;
  @ApiProperty({ type: [TeamProjectKpisResponse], description: 'One page (limit, cursor) of the team’s projects the caller may see, oldest first' })
  projects!: TeamProjectKpisResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Cursor of the next page of projects; null on the last' })
  nextCursor!: string | null;
  @ApiProperty({
    type: [TeamMemberIncentivesResponse],
    description:
      'Per person, over every project the caller may see: assessed projects and how many recommended reward, standard or coaching, most rewarded first',
  })
  members!: TeamMemberIncentivesResponse[];
  @ApiProperty({ description: 'Projects of the team left out because the caller is not in them in an internal role (0 for admins and auditors)' })
  projectsNotVisible!: number;
}
