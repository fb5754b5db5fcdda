import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { METRIC_NAMES, type MetricName, TIMELINE_KINDS, type TimelineKind } from '@accord/contracts';

export class ReadingsQueryDto {
  @ApiPropertyOptional({ enum: METRIC_NAMES })
  @IsOptional()
  @IsIn(METRIC_NAMES, { message: `metric must be one of ${METRIC_NAMES.join(', ')}` })
  metric?: MetricName;
}

export class TimelineQueryDto {
  @ApiPropertyOptional({ description: `Only these kinds, comma-separated: ${TIMELINE_KINDS.join(', ')}`, example: 'meeting,deviation-breach' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((kind) => kind.trim())
          .filter(Boolean)
      : value,
  )
  @IsIn(TIMELINE_KINDS, { each: true, message: `kind must be among ${TIMELINE_KINDS.join(', ')}` })
  kind?: TimelineKind[];
}

export class KpiReportQueryDto {
  @ApiPropertyOptional({ enum: ['json', 'csv'], description: 'csv also when the request accepts text/csv' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

export class ActionItemsQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'done', 'cancelled'] })
  @IsOptional()
  @IsIn(['open', 'done', 'cancelled'], { message: 'status must be one of open, done, cancelled' })
  status?: 'open' | 'done' | 'cancelled';

  @ApiPropertyOptional({ description: 'The user who owes it', example: 'paula' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  owner?: string;

  @ApiPropertyOptional({ description: 'Only those open after their due day (true) or not (false)' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;
}
