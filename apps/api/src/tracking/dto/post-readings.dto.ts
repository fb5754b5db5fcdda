import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

export class ProgressRowDto {
  @ApiProperty({ example: 'implementation' }) @IsString() @MinLength(1) @MaxLength(100) phase!: string;
  @ApiProperty({ example: 'Data migration' }) @IsString() @MinLength(1) @MaxLength(500) task!: string;
  @ApiProperty({ example: 'tom' }) @IsString() @MinLength(1) @MaxLength(200) owner!: string;
  @ApiProperty({ example: '2027-03-01', format: 'date' }) @IsISO8601({ strict: true }) due!: string;
  @ApiProperty({ example: 60 }) @IsNumber() @Min(0) @Max(100) plannedPercent!: number;
  @ApiProperty({ example: 48 }) @IsNumber() @Min(0) @Max(100) actualPercent!: number;
}

export class ProgressTableDto {
  @ApiProperty({ type: [ProgressRowDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  @Type(() => ProgressRowDto)
  rows!: ProgressRowDto[];
}

export class InspectionDto {
  @ApiProperty({ example: 200, description: 'Deliverables inspected' }) @IsInt() @Min(1) inspected!: number;
  @ApiProperty({ example: 14, description: 'Of those, how many did not conform' }) @IsInt() @Min(0) nonConforming!: number;
}

export class SurveyDto {
  @ApiProperty({ minimum: 1, maximum: 5 }) @IsInt() @Min(1) @Max(5) overall!: number;
  @ApiProperty({ minimum: 1, maximum: 5 }) @IsInt() @Min(1) @Max(5) deliverables!: number;
  @ApiProperty({ minimum: 1, maximum: 5 }) @IsInt() @Min(1) @Max(5) service!: number;
}

/** Measurements from which Accord computes readings (R-EXP-7): at least one of them. */
export class PostReadingsDto {
  @ApiPropertyOptional({ type: ProgressTableDto, description: 'Gives the schedule deviation Σ(actual − planned) / Σplanned' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ProgressTableDto)
  progress?: ProgressTableDto;

  @ApiPropertyOptional({ type: InspectionDto, description: 'Gives the non-conformity rate' })
  @IsOptional()
  @ValidateNested()
  @Type(() => InspectionDto)
  inspection?: InspectionDto;

  @ApiPropertyOptional({ type: SurveyDto, description: 'Gives the satisfaction score (mean of the three answers)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => SurveyDto)
  survey?: SurveyDto;
}
