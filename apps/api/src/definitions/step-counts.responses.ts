import { ApiProperty } from '@nestjs/swagger';

export class StepCountResponse {
  @ApiProperty({ example: 'solution-review/board-decision', description: '`<stage>/<step>`, as GET /projects/{id}/position names steps' }) path!: string;
  @ApiProperty() stage!: string;
  @ApiProperty() step!: string;
  @ApiProperty({ description: 'Running projects with an open task on this step' }) projects!: number;
}

export class StepCountsResponse {
  @ApiProperty() key!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ description: 'Running projects on this version' }) runningProjects!: number;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The compiled definition, to draw it' }) compiled!: Record<string, unknown>;
  @ApiProperty({ type: [StepCountResponse], description: 'Only steps where at least one project waits' }) counts!: StepCountResponse[];
}
