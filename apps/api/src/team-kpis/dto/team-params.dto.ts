import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { RECORD_KEY } from '@accord/contracts';

export class TeamParamsDto {
  @ApiProperty({ example: 'erp-east', description: 'The team key projects were started with' })
  @Matches(RECORD_KEY, { message: 'team must be a team key such as erp-east (lower-case letters, digits and dashes, at most 64)' })
  team!: string;
}
