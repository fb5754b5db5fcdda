import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, Matches } from 'class-validator';

export class RaiseEventDto {
  @ApiProperty({
    example: 'complaint',
    description: "A signal the running stage's or the process's handlers (on:) answer; their raisedBy says which members may raise it",
  })
  @Matches(/^[a-z][a-z0-9-]*$/, { message: 'signal must be a signal name such as change-request' })
  signal!: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { channel: 'hotline', description: 'Handhelds drop the connection in the cold store' },
    description: "What happened, kept in the audit trail: it must fit the form the signal's handlers declare (form:), when they declare one",
  })
  @IsOptional()
  @IsObject()
  data?: Record<string, unknown>;
}

export class RaiseEventResponse {
  @ApiProperty({ example: { stageId: 'adjust', run: 1, workflowId: 'project/…/stage/adjust/1' }, description: 'The sub-process stage the event started' })
  started!: { stageId: string; run: number; workflowId: string };
}
