import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { KANO_CLASSES, type KanoClass, MASLOW_LEVELS, type MaslowLevel } from '@accord/contracts';
import { IsVersionNumber } from '../../input/version-number';

export class ExpectationsQueryDto {
  @ApiPropertyOptional({ example: 2, description: 'The document version; the latest when omitted' })
  @IsOptional()
  @Type(() => Number)
  @IsVersionNumber()
  version?: number;

  @ApiPropertyOptional({ example: 'business-meeting', description: 'Where it was heard' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  channel?: string;

  @ApiPropertyOptional({ example: 'presales' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  phase?: string;

  @ApiPropertyOptional({ enum: KANO_CLASSES })
  @IsOptional()
  @IsIn(KANO_CLASSES, { message: `kano must be one of ${KANO_CLASSES.join(', ')}` })
  kano?: KanoClass;

  @ApiPropertyOptional({ enum: MASLOW_LEVELS })
  @IsOptional()
  @IsIn(MASLOW_LEVELS, { message: `maslow must be one of ${MASLOW_LEVELS.join(', ')}` })
  maslow?: MaslowLevel;
}
