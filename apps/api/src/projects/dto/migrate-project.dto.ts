import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsVersionNumber } from '../../input/version-number';

export class MigrateProjectDto {
  @ApiProperty({ example: 2, description: "Version of the project's definition to move to" })
  @IsVersionNumber()
  targetVersion!: number;

  @ApiPropertyOptional({ description: 'Why: kept in the audit trail' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  reason?: string;
}

export class MigrationResponse {
  @ApiProperty({ format: 'uuid' }) projectId!: string;
  @ApiProperty({ example: { key: 'expectation-signoff', version: 1 } }) from!: { key: string; version: number };
  @ApiProperty({ example: { key: 'expectation-signoff', version: 2 } }) to!: { key: string; version: number };
  @ApiProperty({ description: 'The stage running now finishes on the old version; the stages after it run on the new one' }) effectiveAfterStage!: string;
}
