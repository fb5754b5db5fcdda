import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

export const INBOX_SORTS = ['created', 'due', 'priority'] as const;
export type InboxSort = (typeof INBOX_SORTS)[number];

/** The inbox's filters: each narrows what the caller's inbox shows. */
export class InboxFilterDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only tasks of this project' })
  @IsOptional()
  @IsUUID()
  project?: string;

  @ApiPropertyOptional({ description: 'Only tasks of this stage (id)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  stage?: string;

  @ApiPropertyOptional({ description: 'Only tasks offered to this role (claimed ones included)', example: 'pm' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  role?: string;

  @ApiPropertyOptional({ description: 'Only open tasks past their due date (true) or not (false)' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ format: 'date-time', description: 'Due before this instant' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  dueBefore?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Due after this instant' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  dueAfter?: string;

  @ApiPropertyOptional({ enum: ['high', 'normal', 'low'] })
  @IsOptional()
  @IsIn(['high', 'normal', 'low'])
  priority?: 'high' | 'normal' | 'low';

  @ApiPropertyOptional({ description: 'Text the title contains (case-insensitive)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class InboxQueryDto extends InboxFilterDto {
  @ApiPropertyOptional({ enum: ['open', 'completed', 'cancelled', 'expired'], default: 'open' })
  @IsOptional()
  @IsIn(['open', 'completed', 'cancelled', 'expired'])
  status: 'open' | 'completed' | 'cancelled' | 'expired' = 'open';

  @ApiPropertyOptional({
    enum: INBOX_SORTS,
    default: 'created',
    description: 'created: oldest first; due: soonest first, undated last; priority: most urgent first',
  })
  @IsOptional()
  @IsIn(INBOX_SORTS)
  sort: InboxSort = 'created';

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page (nextCursor)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit = 50;
}

export class InboxCountsQueryDto {
  @ApiPropertyOptional({ description: 'Count only tasks whose title contains this text (case-insensitive)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}
