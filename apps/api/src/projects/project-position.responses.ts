import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ProjectStatus } from '@accord/contracts';
import { PinnedDefinitionResponse } from './dto/project.response';
import type { StageState, StepState } from './project-position.standing';

export class PositionTaskResponse {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The user it is assigned to or claimed by; null while it waits in a role pool' })
  assignee!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The role whose pool it is offered to' }) role!: string | null;
}

export class PositionIncidentResponse {
  @ApiProperty() id!: string;
  @ApiProperty() message!: string;
}

export class StepPositionResponse {
  @ApiProperty({ example: 'solution-review/board-decision', description: '`<stage>/<step>`: a cadence counts the occurrences of the step it repeats' })
  path!: string;
  @ApiProperty() stage!: string;
  @ApiProperty() step!: string;
  @ApiProperty({
    enum: ['done', 'open', 'waiting', 'failed', 'not-reached'],
    description: 'open: tasks wait on people; waiting: on a timer or the next occurrence of a cadence; failed: an open incident',
  })
  state!: StepState;
  @ApiProperty({ type: [PositionTaskResponse], description: 'Its open tasks' }) tasks!: PositionTaskResponse[];
  @ApiPropertyOptional({ nullable: true, type: PositionIncidentResponse, description: 'The open incident that stopped it' })
  incident!: PositionIncidentResponse | null;
}

export class StagePositionResponse {
  @ApiProperty() stage!: string;
  @ApiProperty({ enum: ['done', 'running', 'skipped', 'failed', 'not-reached'] }) state!: StageState;
}

export class ProjectPositionResponse {
  @ApiProperty({ format: 'uuid' }) projectId!: string;
  @ApiProperty({ enum: ['running', 'completed', 'rejected', 'failed', 'cancelled'] }) status!: ProjectStatus;
  @ApiProperty({ type: PinnedDefinitionResponse }) definition!: PinnedDefinitionResponse;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The compiled definition the project runs on, to draw it' }) compiled!: Record<
    string,
    unknown
  >;
  @ApiProperty({ type: [StagePositionResponse] }) stages!: StagePositionResponse[];
  @ApiProperty({ type: [StepPositionResponse] }) steps!: StepPositionResponse[];
}
