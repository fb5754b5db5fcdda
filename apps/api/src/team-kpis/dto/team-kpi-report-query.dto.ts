import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { KeysetPageDto } from '../../input/keyset-page.dto';

/** A page of a team's projects (the roll-up covers them all), as JSON or CSV. */
export class TeamKpiReportQueryDto extends KeysetPageDto {
  @ApiPropertyOptional({ enum: ['json', 'csv'], description: 'csv also when the request accepts text/csv' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}
