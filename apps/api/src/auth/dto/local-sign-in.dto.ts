import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Matches } from 'class-validator';

export class LocalSignInDto {
  @ApiProperty({ example: 'paula', description: 'The user id the session is for' })
  @IsString()
  @Matches(/^[a-z][a-z0-9._-]{0,63}$/, { message: 'user must be a lower-case user id' })
  user!: string;

  @ApiPropertyOptional({ type: [String], example: ['pm'], description: 'Roles of the session; the listed person’s roles when left out' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @Matches(/^[a-z][a-z0-9_-]{0,31}$/, { each: true, message: 'each role must be a lower-case role name' })
  roles?: string[];
}
