import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { type ProjectStatus, RECORD_KEY } from '@accord/contracts';
import { KeysetPageDto } from '../../input/keyset-page.dto';

/** Every status a project has; the Record makes the compiler name one that is added to ProjectStatus and missing here. */
const STATUS_NAMES: Record<ProjectStatus, true> = { running: true, completed: true, rejected: true, failed: true, cancelled: true };
export const PROJECT_STATUSES = Object.keys(STATUS_NAMES) as ProjectStatus[];

export const PROJECT_LIST_SORTS = ['updated', 'started', 'name'] as const;
export type ProjectListSort = (typeof PROJECT_LIST_SORTS)[number];

export class ProjectListQueryDto extends KeysetPageDto {
  @ApiPropertyOptional({ enum: PROJECT_STATUSES, description: 'Only projects in this status' })
  @IsOptional()
  @IsIn(PROJECT_STATUSES)
  status?: ProjectStatus;

  // Keys have the shape StartProjectDto gives them: anything else names no project, and is a 400 rather than an empty page.
  @ApiPropertyOptional({ example: 'customer-expectation', description: 'Only projects of this definition (key)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(/^[a-z][a-z0-9-]*$/, { message: 'definition must be a definition key such as expectation-signoff' })
  definition?: string;

  @ApiPropertyOptional({ example: 'erp-east', description: 'Only projects this team delivers' })
  @IsOptional()
  @IsString()
  @Matches(RECORD_KEY, { message: 'team must be a team key such as erp-east (lower-case letters, digits and dashes, at most 64)' })
  team?: string;

  @ApiPropertyOptional({ example: 'acme', description: 'Only projects for this customer (key)' })
  @IsOptional()
  @IsString()
  @Matches(RECORD_KEY, { message: 'customer must be a customer key such as acme (lower-case letters, digits and dashes, at most 64)' })
  customer?: string;

  @ApiPropertyOptional({ description: 'Text the name contains (case-insensitive)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: PROJECT_LIST_SORTS, default: 'updated', description: 'updated: last change first; started: newest first; name: A to Z' })
  @IsOptional()
  @IsIn(PROJECT_LIST_SORTS)
  sort: ProjectListSort = 'updated';
}
