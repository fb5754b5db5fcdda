import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsObject, IsOptional, IsString, Matches, MaxLength, Min, MinLength } from 'class-validator';

export class StartProjectDto {
  @ApiProperty({ example: 'expectation-signoff', description: 'Key of a published process definition' })
  @IsString()
  @Matches(/^[a-z][a-z0-9-]*$/, { message: 'definitionKey must be a definition key such as expectation-signoff' })
  definitionKey!: string;

  @ApiPropertyOptional({ example: 1, description: 'Definition version to pin; the latest published when omitted' })
  @IsOptional()
  @IsInt()
  @Min(1)
  definitionVersion?: number;

  @ApiProperty({ example: 'ACME ERP roll-out', description: 'Name of the customer project' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: { phase: 'implementation' }, description: "Values for the definition's variables; defaults fill the rest" })
  @IsOptional()
  @IsObject()
  variables?: Record<string, string | number | boolean>;
}
