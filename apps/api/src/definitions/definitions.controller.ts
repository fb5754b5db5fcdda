import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { compileDefinition, validateDefinition } from '@accord/definitions';
import type { DefinitionVersionEntity } from '@accord/persistence';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { DefinitionException, ErrorCode } from '../errors/accord.exception';
import { DefinitionSourceDto } from './dto/definition-source.dto';
import {
  DefinitionDiffResponse,
  DefinitionKeyResponse,
  DefinitionVersionResponse,
  DefinitionVersionSummaryResponse,
  DraftDiffResponse,
  DraftResponse,
  ValidationResultResponse,
} from './dto/definition.responses';
import { DefinitionRegistryService } from './definition-registry.service';
import { ParseVersionPipe } from '../input/version-number';

const ADMIN = 'admin';
const READERS = ['admin', 'auditor'];

function summary(row: DefinitionVersionEntity): DefinitionVersionSummaryResponse {
  return {
    key: row.key,
    version: row.version,
    status: row.status,
    name: row.compiled.name,
    checksum: row.checksum,
    publishedBy: row.publishedBy,
    publishedAt: row.publishedAt.toISOString(),
    deprecatedBy: row.deprecatedBy,
    deprecatedAt: row.deprecatedAt?.toISOString() ?? null,
  };
}

@ApiTags('definitions')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'Reading needs the admin or auditor role; changing needs admin' })
@Controller('definitions')
export class DefinitionsController {
  constructor(private readonly registry: DefinitionRegistryService) {}

  @Get()
  @Roles(READERS)
  @ApiOkResponse({ type: [DefinitionKeyResponse], description: 'Every key with its versions (newest first) and whether a draft exists' })
  async list(): Promise<DefinitionKeyResponse[]> {
    const [keys, running] = await Promise.all([this.registry.keys(), this.registry.runningProjects()]);
    return keys.map(({ key, versions, draft }) => ({
      key,
      current: versions.find((row) => row.status === 'published')?.version ?? null,
      versions: versions.map((row) => ({ ...summary(row), runningProjects: running.get(`${row.key}@${row.version}`) ?? 0 })),
      hasDraft: draft !== null,
    }));
  }

  @Post('validate')
  @HttpCode(HttpStatus.OK)
  @Roles([ADMIN])
  @ApiOkResponse({
    type: ValidationResultResponse,
    description: 'Every error with its path, line and column, or the compiled definition when valid; nothing is stored',
  })
  validate(@Body() dto: DefinitionSourceDto): ValidationResultResponse {
    const result = compileDefinition(dto.source);
    return result.ok ? { valid: true, errors: [], compiled: { ...result.compiled } } : { valid: false, errors: result.errors };
  }

  @Get(':key/versions')
  @Roles(READERS)
  @ApiOkResponse({ type: [DefinitionVersionSummaryResponse] })
  async versions(@Param('key') key: string): Promise<DefinitionVersionSummaryResponse[]> {
    const rows = await this.registry.versionsOf(key);
    if (rows.length === 0) throw new DefinitionException(ErrorCode.DEFINITION_NOT_FOUND, `No published version of ${key}`);
    return rows.map(summary);
  }

  @Get(':key/versions/:version')
  @Roles(READERS)
  @ApiOkResponse({ type: DefinitionVersionResponse })
  async version(@Param('key') key: string, @Param('version', ParseVersionPipe) version: number): Promise<DefinitionVersionResponse> {
    const row = await this.registry.version(key, version);
    return { ...summary(row), source: row.source, compiled: { ...row.compiled } };
  }

  @Put(':key/versions/:version')
  @Roles([ADMIN])
  @ApiConflictResponse({ description: 'Always: a published version never changes; edit the draft and publish a new version' })
  async changeVersion(@Param('key') key: string, @Param('version', ParseVersionPipe) version: number): Promise<never> {
    await this.registry.version(key, version);
    throw new DefinitionException(
      ErrorCode.DEFINITION_VERSION_IMMUTABLE,
      `${key} v${version} is published and cannot change: edit the draft (PUT /definitions/${key}/draft) and publish it as a new version`,
    );
  }

  @Delete(':key/versions/:version')
  @Roles([ADMIN])
  @ApiConflictResponse({ description: 'Always: published versions are kept; deprecate instead' })
  async deleteVersion(@Param('key') key: string, @Param('version', ParseVersionPipe) version: number): Promise<never> {
    await this.registry.version(key, version);
    throw new DefinitionException(ErrorCode.DEFINITION_VERSION_IMMUTABLE, `${key} v${version} is published and is kept: deprecate it instead`);
  }

  @Post(':key/versions/:version/deprecate')
  @HttpCode(HttpStatus.OK)
  @Roles([ADMIN])
  @ApiOkResponse({ type: DefinitionVersionSummaryResponse, description: 'Deprecated (again): no new project starts on it; running ones stay' })
  async deprecate(
    @CurrentUser() user: AuthUser,
    @Param('key') key: string,
    @Param('version', ParseVersionPipe) version: number,
  ): Promise<DefinitionVersionSummaryResponse> {
    return summary(await this.registry.deprecate(key, version, user.userId));
  }

  @Get(':key/diff')
  @Roles(READERS)
  @ApiOkResponse({ type: DefinitionDiffResponse, description: 'Stages, steps, roles and forms added, removed or changed' })
  async diff(
    @Param('key') key: string,
    @Query('from', ParseVersionPipe) from: number,
    @Query('to', ParseVersionPipe) to: number,
  ): Promise<DefinitionDiffResponse> {
    return { key, from, to, changes: await this.registry.diff(key, from, to) };
  }

  @Get(':key/draft/diff')
  @Roles([ADMIN])
  @ApiOkResponse({ type: DraftDiffResponse, description: 'What publishing the draft would change against version `from`' })
  @ApiUnprocessableEntityResponse({ description: 'The draft is invalid; details list every error with its line and column' })
  async draftDiff(@Param('key') key: string, @Query('from', ParseVersionPipe) from: number): Promise<DraftDiffResponse> {
    return { key, from, changes: await this.registry.diffDraft(key, from) };
  }

  @Get(':key/draft')
  @Roles([ADMIN])
  @ApiOkResponse({ type: DraftResponse })
  async draft(@Param('key') key: string): Promise<DraftResponse> {
    const draft = await this.registry.draft(key);
    return { key, source: draft.source, errors: validateDefinition(draft.source), updatedBy: draft.updatedBy, updatedAt: draft.updatedAt.toISOString() };
  }

  @Put(':key/draft')
  @Roles([ADMIN])
  @ApiOkResponse({ type: DraftResponse, description: 'Saved, even when invalid; `errors` says what publishing would refuse' })
  @ApiUnprocessableEntityResponse({ description: "The source's key differs from the path's" })
  async saveDraft(@CurrentUser() user: AuthUser, @Param('key') key: string, @Body() dto: DefinitionSourceDto): Promise<DraftResponse> {
    const { draft, errors } = await this.registry.saveDraft(key, dto.source, user.userId);
    return { key, source: draft.source, errors, updatedBy: draft.updatedBy, updatedAt: draft.updatedAt.toISOString() };
  }

  @Delete(':key/draft')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Roles([ADMIN])
  @ApiNoContentResponse()
  async deleteDraft(@Param('key') key: string): Promise<void> {
    await this.registry.deleteDraft(key);
  }

  @Post(':key/draft/publish')
  @Roles([ADMIN])
  @ApiCreatedResponse({ type: DefinitionVersionSummaryResponse, description: 'The new, immutable version' })
  @ApiUnprocessableEntityResponse({ description: 'The draft is invalid; details list every error with its line and column' })
  @ApiConflictResponse({ description: 'The draft is identical to the latest version' })
  async publish(@CurrentUser() user: AuthUser, @Param('key') key: string): Promise<DefinitionVersionSummaryResponse> {
    return summary(await this.registry.publishDraft(key, user.userId));
  }
}
