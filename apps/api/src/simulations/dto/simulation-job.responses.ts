import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SIMULATION_JOB_STATUSES, type SimulationJobStatus } from '@accord/contracts';
import { TimelineEntryResponse } from '../../tracking/dto/project-tracking.responses';
import { ProjectKpisResponse } from '../../team-kpis/dto/team-kpi-report.response';

export class SimulationRefusalResponse {
  @ApiProperty() stepId!: string;
  @ApiProperty({ description: 'The simulated day (0 = the start) it was refused on' }) day!: number;
  @ApiProperty() message!: string;
}

export class SimulationReportResponse {
  @ApiProperty({ type: [TimelineEntryResponse], description: 'The simulated project’s dated timeline, oldest first' }) timeline!: TimelineEntryResponse[];
  @ApiProperty({ type: ProjectKpisResponse, description: 'The project’s KPIs at the end (with `customer`, its standing, when the script names one)' })
  kpis!: ProjectKpisResponse;
  @ApiProperty({ enum: ['completed', 'rejected', 'running'], description: 'How the project ended, or running when the months simulated ran out first' })
  outcome!: 'completed' | 'rejected' | 'running';
  @ApiProperty({ description: 'Simulated days played' }) days!: number;
  @ApiProperty({ example: 'Asia/Shanghai', description: 'The definition’s business time zone, in which people read the dates' }) timezone!: string;
  @ApiProperty({ type: [SimulationRefusalResponse], description: 'Answers of the script the engine refused' }) refused!: SimulationRefusalResponse[];
}

export class SimulationProblemResponse {
  @ApiProperty({ example: 'tasks.record.data.goals' }) path!: string;
  @ApiProperty() message!: string;
}

export class SimulationFailureResponse {
  @ApiProperty() message!: string;
  @ApiPropertyOptional({ enum: ['definition', 'script'] }) source?: 'definition' | 'script';
  @ApiPropertyOptional({ type: [SimulationProblemResponse] }) problems?: SimulationProblemResponse[];
}

export class SimulationJobResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() definitionKey!: string;
  @ApiProperty({ description: 'Simulated months asked for' }) months!: number;
  @ApiProperty({ enum: SIMULATION_JOB_STATUSES }) status!: SimulationJobStatus;
  @ApiProperty({ description: 'Progress: the simulated day reached, of `days`' }) day!: number;
  @ApiProperty() days!: number;
  @ApiPropertyOptional({ description: 'Jobs queued ahead of this one (only while queued)' }) ahead?: number;
  @ApiProperty() requestedBy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String }) startedAt!: string | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String }) finishedAt!: string | null;
  @ApiPropertyOptional({ type: SimulationReportResponse, nullable: true, description: 'Once succeeded' }) report!: SimulationReportResponse | null;
  @ApiPropertyOptional({ type: SimulationFailureResponse, nullable: true, description: 'Once failed' }) failure!: SimulationFailureResponse | null;
}

export class ActorsScriptResponse {
  @ApiProperty() key!: string;
  @ApiProperty({ description: 'The YAML of the actors script shipped for this key' }) source!: string;
}
