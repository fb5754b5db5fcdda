import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { type ProjectStatus, RECORD_KEY } from '@accord/contracts';
import { KeysetPageDto } from '../../input/keyset-page.dto';
import { IsVersionNumber } from '../../input/version-number';

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

  // Meant with `definition` (the projects an administrator may move to a newer version); alone it matches that version of any key.
  @ApiPropertyOptional({ type: 'integer', example: 1, description: 'Only projects on this version of their definition' })
  @IsOptional()
  @Type(() => Number)
  @IsVersionNumber()
  definitionVersion?: number;

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

  @ApiPropertyOptional({ example: 'sign-off', description: 'Only projects whose current stage (or the stage they ended in) has this id' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(/^[a-z][a-z0-9-]*$/, { message: 'stage must be a stage id such as sign-off' })
  stage?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Only projects started at or after this instant' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  startedAfter?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Only projects started before this instant' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  startedBefore?: string;

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
