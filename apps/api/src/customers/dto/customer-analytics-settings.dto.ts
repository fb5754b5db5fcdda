import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNumber, IsObject, Max, Min, ValidateNested } from 'class-validator';
import type { ChurnSignalName, CustomerAnalyticsSettings } from '@accord/domain';

const amount = { allowNaN: false, allowInfinity: false } as const;

export class AbcThresholdsDto {
  @ApiProperty({ minimum: 0, description: 'From this figure: A' }) @IsNumber(amount) @Min(0) a!: number;
  @ApiProperty({ minimum: 0, description: 'From this figure: B (below: C)' }) @IsNumber(amount) @Min(0) b!: number;
}

export class ClassificationSettingsDto {
  @ApiProperty({ type: AbcThresholdsDto, description: 'By annual contract value' })
  @IsObject()
  @ValidateNested()
  @Type(() => AbcThresholdsDto)
  valueThresholds!: AbcThresholdsDto;
  @ApiProperty({ type: AbcThresholdsDto, description: 'By number of projects, for customers without a contract value' })
  @IsObject()
  @ValidateNested()
  @Type(() => AbcThresholdsDto)
  projectThresholds!: AbcThresholdsDto;
  @ApiProperty({ minimum: 1, maximum: 3650, example: 90 }) @IsInt() @Min(1) @Max(3650) dormantAfterDays!: number;
  @ApiProperty({ minimum: 1, maximum: 3650, example: 365 }) @IsInt() @Min(1) @Max(3650) lostAfterDays!: number;
}

export class TrendSettingsDto {
  @ApiProperty({ minimum: 1, maximum: 60, example: 6 }) @IsInt() @Min(1) @Max(60) months!: number;
  @ApiProperty({ minimum: 0, maximum: 1, example: 0.05, description: 'A change under this fraction of the earlier figure is flat' })
  @IsNumber(amount)
  @Min(0)
  @Max(1)
  flatTolerance!: number;
}

export class ChurnSignalSettingDto {
  @ApiProperty({ minimum: 0, maximum: 100 }) @IsNumber(amount) @Min(0) @Max(100) weight!: number;
  @ApiProperty({ minimum: 0.001, description: 'The amount at which the signal counts in full (points, records or days)' })
  @IsNumber(amount)
  @Min(0.001)
  @Max(100_000)
  fullAt!: number;
}

export class ChurnSignalsSettingsDto implements Record<ChurnSignalName, ChurnSignalSettingDto> {
  @ApiProperty({ type: ChurnSignalSettingDto, description: 'fullAt: points of satisfaction (1..5) lost' })
  @IsObject()
  @ValidateNested()
  @Type(() => ChurnSignalSettingDto)
  fallingSatisfaction!: ChurnSignalSettingDto;
  @ApiProperty({ type: ChurnSignalSettingDto, description: 'fullAt: schedule deviations within windowDays' })
  @IsObject()
  @ValidateNested()
  @Type(() => ChurnSignalSettingDto)
  scheduleDeviations!: ChurnSignalSettingDto;
  @ApiProperty({ type: ChurnSignalSettingDto, description: 'fullAt: complaints not closed' })
  @IsObject()
  @ValidateNested()
  @Type(() => ChurnSignalSettingDto)
  openComplaints!: ChurnSignalSettingDto;
  @ApiProperty({ type: ChurnSignalSettingDto, description: 'fullAt: overdue action items owed to the customer' })
  @IsObject()
  @ValidateNested()
  @Type(() => ChurnSignalSettingDto)
  overdueActionItems!: ChurnSignalSettingDto;
  @ApiProperty({ type: ChurnSignalSettingDto, description: 'fullAt: days without project activity' })
  @IsObject()
  @ValidateNested()
  @Type(() => ChurnSignalSettingDto)
  silence!: ChurnSignalSettingDto;
}

export class ChurnSettingsDto {
  @ApiProperty({ minimum: 0, maximum: 1, example: 0.5, description: 'A score above this warns' }) @IsNumber(amount) @Min(0) @Max(1) threshold!: number;
  @ApiProperty({ minimum: 1, maximum: 3650, example: 180 }) @IsInt() @Min(1) @Max(3650) windowDays!: number;
  @ApiProperty({ type: ChurnSignalsSettingsDto }) @IsObject() @ValidateNested() @Type(() => ChurnSignalsSettingsDto) signals!: ChurnSignalsSettingsDto;
}

/** The company's customer-analytics settings, given whole. */
export class CustomerAnalyticsSettingsDto implements CustomerAnalyticsSettings {
  @ApiProperty({ type: ClassificationSettingsDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ClassificationSettingsDto)
  classification!: ClassificationSettingsDto;
  @ApiProperty({ type: TrendSettingsDto }) @IsObject() @ValidateNested() @Type(() => TrendSettingsDto) trend!: TrendSettingsDto;
  @ApiProperty({ type: ChurnSettingsDto }) @IsObject() @ValidateNested() @Type(() => ChurnSettingsDto) churn!: ChurnSettingsDto;
}

export class CustomerAnalyticsSettingsResponse {
  @ApiProperty({ type: CustomerAnalyticsSettingsDto }) settings!: CustomerAnalyticsSettings;
  @ApiProperty({ description: 'false: the defaults, never changed' }) changed!: boolean;
  @ApiProperty({ nullable: true, type: String }) updatedBy!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) updatedAt!: string | null;
}
