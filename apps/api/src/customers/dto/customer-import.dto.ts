import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CUSTOMER_IMPORT_FIELDS, CUSTOMER_IMPORT_OUTCOMES, type CustomerImportField, type CustomerImportOutcome } from '../customer-import-outcome';

export class CustomerImportQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: check the file and answer what an import would do, writing nothing' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'dryRun must be true or false' })
  dryRun?: 'true' | 'false';
}

export class CustomerImportCountsResponse {
  @ApiProperty() created!: number;
  @ApiProperty() updated!: number;
  @ApiProperty() unchanged!: number;
}

export class CustomerImportResultResponse {
  @ApiProperty({ example: 'acme' }) key!: string;
  @ApiProperty({ example: 'ACME Manufacturing' }) name!: string;
  @ApiProperty({ enum: CUSTOMER_IMPORT_OUTCOMES, description: 'created: a new key; updated: a field differed; unchanged: the file says what is stored' })
  outcome!: CustomerImportOutcome;
  @ApiProperty({ enum: CUSTOMER_IMPORT_FIELDS, isArray: true, description: 'The fields the import sets (created) or changed (updated); empty when unchanged' })
  changed!: CustomerImportField[];
  @ApiProperty({ description: 'Their contacts after the import' }) contacts!: number;
  @ApiProperty({ type: [Number], description: 'The lines of the file that give them (the header is line 1)' }) lines!: number[];
}

export class CustomerImportResponse {
  @ApiProperty({ description: 'true: nothing was written; the outcomes are what an import would do now' }) dryRun!: boolean;
  @ApiProperty({ description: 'Rows read after the header' }) rows!: number;
  @ApiProperty({ type: CustomerImportCountsResponse }) counts!: CustomerImportCountsResponse;
  @ApiProperty({ type: [CustomerImportResultResponse], description: 'Each customer of the file, in the order of their first row' })
  customers!: CustomerImportResultResponse[];
}
