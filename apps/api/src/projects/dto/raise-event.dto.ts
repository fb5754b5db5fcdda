import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, Matches } from 'class-validator';

export class RaiseEventDto {
  @ApiProperty({ example: 'change-request', description: "A signal the running stage's handlers (on:) answer" })
  @Matches(/^[a-z][a-z0-9-]*$/, { message: 'signal must be a signal name such as change-request' })
  signal!: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'What happened: kept in the audit trail' })
  @IsOptional()
  @IsObject()
  data?: Record<string, unknown>;
}

export class RaiseEventResponse {
  @ApiProperty({ example: { stageId: 'adjust', run: 1, workflowId: 'project/…/stage/adjust/1' }, description: 'The sub-process stage the event started' })
  started!: { stageId: string; run: number; workflowId: string };
}
