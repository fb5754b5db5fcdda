import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class CompleteTaskDto {
  @ApiPropertyOptional({ example: 'approve', description: "One of the task's allowed outcomes; may be omitted when it has only one" })
  @IsOptional()
  @IsString()
  @MinLength(1)
  outcome?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: "Form data, validated against the step's form" })
  @IsOptional()
  @IsObject()
  data?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'Why: kept in the audit trail' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  comment?: string;

  @ApiPropertyOptional({ description: 'Idempotency key (the Idempotency-Key header takes precedence): a repeat returns the first result and changes nothing' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  requestId?: string;
}
