import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class DefinitionSourceDto {
  @ApiProperty({ description: 'The YAML source of a process definition', example: 'key: expectation-signoff\nname: Expectation sign-off\n…' })
  @IsString()
  @MaxLength(1_000_000)
  source!: string;
}
