import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';

export class ProjectMemberDto {
  @ApiProperty({ example: 'carl' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  user!: string;

  @ApiProperty({ example: 'customer', description: "One of the definition's roles" })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  role!: string;
}

export class ChangeMembersDto {
  @ApiPropertyOptional({ type: [ProjectMemberDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ProjectMemberDto)
  add?: ProjectMemberDto[];

  @ApiPropertyOptional({ type: [ProjectMemberDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ProjectMemberDto)
  remove?: ProjectMemberDto[];
}
