import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { KeysetPageDto } from '../../input/keyset-page.dto';

export const CUSTOMER_LIST_SORTS = ['name', 'value', 'churn'] as const;
export type CustomerListSort = (typeof CUSTOMER_LIST_SORTS)[number];

export class CustomerListQueryDto extends KeysetPageDto {
  @ApiPropertyOptional({ enum: ['A', 'B', 'C'], description: 'Only customers of this ABC class' })
  @IsOptional()
  @IsIn(['A', 'B', 'C'], { message: 'class must be one of A, B, C' })
  class?: 'A' | 'B' | 'C';

  @ApiPropertyOptional({ enum: ['prospect', 'active', 'dormant', 'lost'], description: 'Only customers at this relationship stage' })
  @IsOptional()
  @IsIn(['prospect', 'active', 'dormant', 'lost'])
  stage?: 'prospect' | 'active' | 'dormant' | 'lost';

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only customers with (true) or without (false) a churn warning' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'churnWarning must be true or false' })
  churnWarning?: 'true' | 'false';

  @ApiPropertyOptional({ example: 'manufacturing', description: 'Only customers of this industry (as the profile gives it, case-insensitive)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  industry?: string;

  @ApiPropertyOptional({ example: 'emea', description: 'Only customers of this region (case-insensitive)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  region?: string;

  @ApiPropertyOptional({ description: 'Text the name or key contains (case-insensitive)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({
    enum: CUSTOMER_LIST_SORTS,
    default: 'name',
    description: 'name: A to Z; value: highest contract value first (none last); churn: highest churn score first',
  })
  @IsOptional()
  @IsIn(CUSTOMER_LIST_SORTS)
  sort: CustomerListSort = 'name';

  @ApiPropertyOptional({
    enum: ['json', 'csv'],
    description: 'csv: every matching customer (no paging) as a spreadsheet; also when the request accepts text/csv',
  })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}
