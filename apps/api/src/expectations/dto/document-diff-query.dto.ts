import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsVersionNumber } from '../../input/version-number';

export class DocumentDiffQueryDto {
  @ApiProperty({ example: 1 })
  @Type(() => Number)
  @IsVersionNumber()
  from!: number;

  @ApiProperty({ example: 2 })
  @Type(() => Number)
  @IsVersionNumber()
  to!: number;
}
