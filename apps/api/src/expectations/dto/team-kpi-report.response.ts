import { ApiProperty } from '@nestjs/swagger';
import type { ProjectKpis, ProjectStatus } from '@accord/contracts';
import type { RolledUpKpis, TeamMemberIncentives } from '@accord/domain';

export class TeamProjectKpisResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['running', 'completed', 'rejected', 'failed', 'cancelled'] }) status!: ProjectStatus;
  @ApiProperty({ description: 'true once the project was assessed; false: its KPIs as recorded so far' }) final!: boolean;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The project’s KPIs, as in GET /projects/{id}/kpi-report' }) kpis!: ProjectKpis;
}

export class TeamKpiReportResponse {
  @ApiProperty({ example: 'erp-east' }) team!: string;
  @ApiProperty({ format: 'date-time' }) computedAt!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'projects, assessed; goalsSet, goalsMet and complaints, feedbackItems, deviationBreaches, changeRequests summed; goalsMetRatio over all goals; satisfactionScore, scheduleDeviation, nonConformityRate, feedbackResponseHours as the mean over the projects that have them',
  })
  kpis!: RolledUpKpis;
  @ApiProperty({ type: [TeamProjectKpisResponse], description: 'The team’s projects the caller may see, oldest first' })
  projects!: TeamProjectKpisResponse[];
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'Per person: assessed projects and how many recommended reward, standard or coaching' })
  members!: TeamMemberIncentives[];
  @ApiProperty({ description: 'Projects of the team left out because the caller is not in them in an internal role (0 for admins and auditors)' })
  projectsNotVisible!: number;
}
