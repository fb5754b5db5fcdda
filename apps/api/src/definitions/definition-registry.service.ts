import fs from 'node:fs';
import path from 'node:path';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { PinnedDefinition } from '@accord/contracts';
import { compileDefinition, type DefinitionError } from '@accord/definitions';
import { DefinitionVersionEntity } from '@accord/persistence';
import { AccordConfig } from '@accord/runtime';

export class InvalidShippedDefinitionError extends Error {
  constructor(file: string, errors: DefinitionError[]) {
    super(`${file} is invalid:\n${errors.map((e) => `  ${file}:${e.line ?? 0}:${e.column ?? 0} ${e.code} ${e.path} ${e.message}`).join('\n')}`);
  }
}

/** The folder of shipped definitions: configured, or `definitions/` beside package.json. */
function definitionsDir(configured?: string): string {
  if (configured) return path.resolve(configured);
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'definitions'))) return path.join(dir, 'definitions');
  }
  throw new Error('No definitions/ folder found; set ACCORD_DEFINITIONS_DIR');
}

/**
 * Published, immutable definition versions. At start every shipped YAML document is
 * validated and, when it differs from the latest published version, published as the next.
 */
@Injectable()
export class DefinitionRegistryService implements OnModuleInit {
  private readonly logger = new Logger(DefinitionRegistryService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AccordConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const dir = definitionsDir(this.config.ACCORD_DEFINITIONS_DIR);
    const files = fs.readdirSync(dir).filter((name) => /\.ya?ml$/.test(name)).sort();
    for (const file of files) {
      const source = fs.readFileSync(path.join(dir, file), 'utf8');
      const result = compileDefinition(source);
      if (!result.ok) throw new InvalidShippedDefinitionError(path.join(dir, file), result.errors);
      const { version, published } = await this.publish(source, result.compiled, 'system');
      this.logger.log(`${result.compiled.key} v${version} ${published ? 'published' : 'unchanged'} (${file})`);
    }
  }

  /** Publishes a compiled definition as the next version of its key, unless the latest is identical. */
  async publish(source: string, compiled: PinnedDefinition['compiled'], publishedBy: string): Promise<{ version: number; published: boolean }> {
    return this.dataSource.transaction(async (db) => {
      // Serialises publishers of one key (several API replicas booting at once).
      await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`definition:${compiled.key}`]);
      const latest = await db.findOne(DefinitionVersionEntity, { where: { key: compiled.key }, order: { version: 'DESC' } });
      if (latest?.checksum === compiled.checksum) return { version: latest.version, published: false };
      const version = (latest?.version ?? 0) + 1;
      await db.insert(DefinitionVersionEntity, { key: compiled.key, version, source, compiled, checksum: compiled.checksum, publishedBy, publishedAt: new Date() });
      return { version, published: true };
    });
  }

  /** The named version, or the latest published one. */
  async find(key: string, version?: number): Promise<PinnedDefinition | undefined> {
    const row = await this.dataSource.getRepository(DefinitionVersionEntity).findOne({
      where: version === undefined ? { key } : { key, version },
      order: { version: 'DESC' },
    });
    return row ? { key: row.key, version: row.version, compiled: row.compiled } : undefined;
  }

  async list(): Promise<DefinitionVersionEntity[]> {
    return this.dataSource.getRepository(DefinitionVersionEntity).find({ order: { key: 'ASC', version: 'DESC' } });
  }
}
