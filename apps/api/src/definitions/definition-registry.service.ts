import fs from 'node:fs';
import path from 'node:path';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CompiledDefinition, PinnedDefinition } from '@accord/contracts';
import {
  compileDefinition,
  type DefinitionChange,
  type DefinitionError,
  diffDefinitions,
  isDefinitionFile,
  parseDefinitionSource,
  validateDefinition,
} from '@accord/definitions';
import { type DefinitionDraftEntity, DefinitionDraftsRepository, type DefinitionVersionEntity, DefinitionVersionsRepository } from '@accord/persistence';
import { AccordConfig } from '@accord/runtime';
import { DefinitionException, ErrorCode } from '../errors/accord.exception';

export class InvalidShippedDefinitionError extends Error {
  constructor(file: string, errors: DefinitionError[]) {
    super(`${file} is invalid:\n${errors.map((e) => `  ${file}:${e.line ?? 0}:${e.column ?? 0} ${e.code} ${e.path} ${e.message}`).join('\n')}`);
  }
}

/** The folder of shipped definitions: configured, or `definitions/` beside package.json. */
export function definitionsDir(configured?: string): string {
  if (configured) return path.resolve(configured);
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'definitions'))) return path.join(dir, 'definitions');
  }
  throw new Error('No definitions/ folder found; set ACCORD_DEFINITIONS_DIR');
}

const toDetails = (errors: DefinitionError[]) =>
  errors.map((error) => ({
    path: error.path,
    message: `${error.message}${error.line ? ` (line ${error.line}, column ${error.column})` : ''}`,
    code: error.code,
    line: error.line,
    column: error.column,
  }));

/**
 * Definition versions and drafts. Published versions are immutable and numbered 1, 2, 3…
 * per key; deprecated ones start no new projects. At start every shipped YAML document is
 * validated, and published unless some version already has exactly its content.
 */
@Injectable()
export class DefinitionRegistryService implements OnModuleInit {
  private readonly logger = new Logger(DefinitionRegistryService.name);
  private readonly drafts: DefinitionDraftsRepository;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AccordConfig,
    private readonly versions: DefinitionVersionsRepository,
  ) {
    this.drafts = new DefinitionDraftsRepository(dataSource);
  }

  async onModuleInit(): Promise<void> {
    const dir = definitionsDir(this.config.ACCORD_DEFINITIONS_DIR);
    for (const file of fs.readdirSync(dir).filter(isDefinitionFile).sort()) {
      const source = fs.readFileSync(path.join(dir, file), 'utf8');
      const result = compileDefinition(source);
      if (!result.ok) throw new InvalidShippedDefinitionError(path.join(dir, file), result.errors);
      const version = await this.dataSource.transaction(async (db) => {
        await this.versions.lockKey(db, result.compiled.key);
        const known = await this.versions.latest(db, result.compiled.key, result.compiled.checksum);
        return known ? undefined : this.versions.insertNext(db, source, result.compiled, 'system');
      });
      this.logger.log(`${result.compiled.key}: ${version ? `published v${version.version}` : 'already published'} (${file})`);
    }
  }

  /** The version a new project starts on: the named one, or the latest that is not deprecated. */
  async resolveForStart(key: string, version?: number): Promise<PinnedDefinition | undefined> {
    const row =
      version === undefined
        ? await this.versionsOf(key).then((rows) => rows.find((candidate) => candidate.status === 'published') ?? rows[0])
        : await this.versions.find(key, version);
    if (!row) return undefined;
    if (row.status === 'deprecated') {
      throw new DefinitionException(ErrorCode.DEFINITION_DEPRECATED, `${key} v${row.version} is deprecated: it starts no new projects`, [
        { path: version === undefined ? 'definitionKey' : 'definitionVersion', message: `${key} v${row.version} is deprecated` },
      ]);
    }
    return pinned(row);
  }

  /** A version, whatever its status: from memory once read, as what it compiles to never changes. */
  find(key: string, version: number): Promise<PinnedDefinition | undefined> {
    return this.versions.pinned(key, version);
  }

  /** What a version compiles to, from memory once read; 404 when there is no such version. */
  async compiled(key: string, version: number): Promise<CompiledDefinition> {
    const definition = await this.versions.pinned(key, version);
    if (!definition) throw new DefinitionException(ErrorCode.DEFINITION_NOT_FOUND, `No version ${version} of ${key}`);
    return definition.compiled;
  }

  /** A version with its status as stored now; 404 when there is none. */
  async version(key: string, version: number): Promise<DefinitionVersionEntity> {
    const row = await this.versions.find(key, version);
    if (!row) throw new DefinitionException(ErrorCode.DEFINITION_NOT_FOUND, `No version ${version} of ${key}`);
    return row;
  }

  /** Every version of a key, newest first. */
  versionsOf(key: string): Promise<DefinitionVersionEntity[]> {
    return this.versions.versionsOf(key);
  }

  async keys(): Promise<{ key: string; versions: DefinitionVersionEntity[]; draft: DefinitionDraftEntity | null }[]> {
    const [versions, drafts] = await Promise.all([this.versions.versionsOf(), this.drafts.all()]);
    const keys = [...new Set([...versions.map((row) => row.key), ...drafts.map((draft) => draft.key)])].sort();
    return keys.map((key) => ({ key, versions: versions.filter((row) => row.key === key), draft: drafts.find((draft) => draft.key === key) ?? null }));
  }

  /** Creates or replaces the draft of `key`; an invalid draft is kept, with its errors. */
  async saveDraft(key: string, source: string, by: string): Promise<{ draft: DefinitionDraftEntity; errors: DefinitionError[] }> {
    const errors = validateDefinition(source);
    const parsed = parseDefinitionSource(source).value as { key?: unknown } | undefined;
    if (parsed && typeof parsed === 'object' && typeof parsed.key === 'string' && parsed.key !== key) {
      throw new DefinitionException(ErrorCode.DEFINITION_KEY_MISMATCH, `The source's key "${parsed.key}" is not "${key}"`, [
        { path: 'source.key', message: `must be ${key}` },
      ]);
    }
    return { draft: await this.drafts.save(key, source, by), errors };
  }

  async draft(key: string): Promise<DefinitionDraftEntity> {
    const draft = await this.drafts.find(key);
    if (!draft) throw new DefinitionException(ErrorCode.DRAFT_NOT_FOUND, `No draft of ${key}`);
    return draft;
  }

  async deleteDraft(key: string): Promise<void> {
    if (!(await this.drafts.delete(key))) throw new DefinitionException(ErrorCode.DRAFT_NOT_FOUND, `No draft of ${key}`);
  }

  /** Publishes the draft as the next version and removes it; an invalid draft is 422, one identical to the latest version 409. */
  async publishDraft(key: string, by: string): Promise<DefinitionVersionEntity> {
    return this.dataSource.transaction(async (db) => {
      await this.versions.lockKey(db, key);
      const draft = await this.drafts.find(key, db);
      if (!draft) throw new DefinitionException(ErrorCode.DRAFT_NOT_FOUND, `No draft of ${key}`);
      const result = compileDefinition(draft.source);
      if (!result.ok)
        throw new DefinitionException(ErrorCode.DEFINITION_INVALID, `The draft of ${key} has ${result.errors.length} error(s)`, toDetails(result.errors));
      const latest = await this.versions.latest(db, key);
      if (latest?.checksum === result.compiled.checksum) {
        throw new DefinitionException(ErrorCode.DEFINITION_UNCHANGED, `The draft is identical to ${key} v${latest.version}`);
      }
      const version = await this.versions.insertNext(db, draft.source, result.compiled, by);
      await this.drafts.delete(key, db);
      return version;
    });
  }

  /** Marks a version deprecated (idempotent): running projects stay on it, new ones cannot start on it. */
  async deprecate(key: string, version: number, by: string): Promise<DefinitionVersionEntity> {
    const row = await this.version(key, version);
    if (row.status === 'deprecated') return row;
    await this.versions.deprecate(key, version, by);
    return this.version(key, version);
  }

  /** What publishing the draft would change against version `from`; an invalid draft is 422 with its errors. */
  async diffDraft(key: string, from: number): Promise<DefinitionChange[]> {
    const [a, draft] = await Promise.all([this.compiled(key, from), this.draft(key)]);
    const result = compileDefinition(draft.source);
    if (!result.ok)
      throw new DefinitionException(ErrorCode.DEFINITION_INVALID, `The draft of ${key} has ${result.errors.length} error(s)`, toDetails(result.errors));
    return diffDefinitions(a, result.compiled);
  }

  /** How many projects run on each version, keyed `key@version` (one grouped count, for the registry's list). */
  runningProjects(): Promise<Map<string, number>> {
    return this.versions.runningProjects();
  }

  async diff(key: string, from: number, to: number): Promise<DefinitionChange[]> {
    const [a, b] = await Promise.all([this.compiled(key, from), this.compiled(key, to)]);
    return diffDefinitions(a, b);
  }
}

function pinned(row: DefinitionVersionEntity): PinnedDefinition {
  return { key: row.key, version: row.version, compiled: row.compiled };
}
