import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional } from 'class-validator';
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
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').map((kind) => kind.trim()).filter(Boolean) : value))
  @IsIn(TIMELINE_KINDS, { each: true, message: `kind must be among ${TIMELINE_KINDS.join(', ')}` })
  kind?: TimelineKind[];
}

export class KpiReportQueryDto {
  @ApiPropertyOptional({ enum: ['json', 'csv'], description: 'csv also when the request accepts text/csv' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}
