import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export const CHANGE_TRIGGERS = ['scope', 'technical-approach', 'delivery-date', 'new-customer-need', 'market-change', 'regulation-change'] as const;

/** A change request (R-EXP-8): it starts the adjust sub-process, whose proposal states the impact and which ends in a new baseline. */
export class RaiseChangeRequestDto {
  @ApiProperty({ enum: CHANGE_TRIGGERS })
  @IsIn(CHANGE_TRIGGERS, { message: `trigger must be one of ${CHANGE_TRIGGERS.join(', ')}` })
  trigger!: (typeof CHANGE_TRIGGERS)[number];

  @ApiProperty({ example: 'A new regulation requires audit logs kept for five years' })
  @IsString()
  @MinLength(3)
  @MaxLength(4000)
  reason!: string;

  @ApiPropertyOptional({ type: [String], example: ['Audit log retention'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  changedItems?: string[];
}
