import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { RECORD_KEY } from '@accord/contracts';

export class CustomerParamsDto {
  @ApiProperty({ example: 'acme', description: 'The customer key projects were started with' })
  @Matches(RECORD_KEY, { message: 'key must be a customer key such as acme (lower-case letters, digits and dashes, at most 64)' })
  key!: string;
}
