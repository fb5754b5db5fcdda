import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsObject, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { RECORD_KEY } from '@accord/contracts';
import { ProjectMemberDto } from './members.dto';
import { IsVersionNumber } from '../../input/version-number';

export class CustomerRefDto {
  @ApiProperty({ example: 'acme', description: 'Names the customer’s record (GET /customers/{key})' })
  @IsString()
  @Matches(RECORD_KEY, { message: 'key must be a customer key such as acme (lower-case letters, digits and dashes, at most 64)' })
  key!: string;

  @ApiPropertyOptional({
    example: 'ACME Manufacturing',
    description: 'Names a new customer; a known one keeps the name it has (the key when none was ever given)',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;
}

export class StartProjectDto {
  @ApiProperty({ example: 'expectation-signoff', description: 'Key of a published process definition' })
  @IsString()
  @Matches(/^[a-z][a-z0-9-]*$/, { message: 'definitionKey must be a definition key such as expectation-signoff' })
  definitionKey!: string;

  @ApiPropertyOptional({ example: 1, description: 'Definition version to pin; the latest published when omitted' })
  @IsOptional()
  @IsVersionNumber()
  definitionVersion?: number;

  @ApiProperty({ example: 'ACME ERP roll-out', description: 'Name of the customer project' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ example: 'erp-east', description: 'The team that delivers the project: its KPIs count towards GET /teams/{team}/kpi-report' })
  @IsOptional()
  @IsString()
  @Matches(RECORD_KEY, { message: 'team must be a team key such as erp-east (lower-case letters, digits and dashes, at most 64)' })
  team?: string;

  @ApiPropertyOptional({ type: CustomerRefDto, description: 'The customer the project is for: their record lists it' })
  @IsOptional()
  @ValidateNested()
  @Type(() => CustomerRefDto)
  customer?: CustomerRefDto;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { phase: 'implementation' },
    description: "Values for the definition's variables; defaults fill the rest",
  })
  @IsOptional()
  @IsObject()
  variables?: Record<string, string | number | boolean>;

  @ApiPropertyOptional({ type: [ProjectMemberDto], description: 'The team besides the starter (who joins in each of their roles the definition declares)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ProjectMemberDto)
  members?: ProjectMemberDto[];
}
