import type { DataSource, EntityManager } from 'typeorm';
import type { CompiledDefinition, PinnedDefinition } from '@accord/contracts';
import { LruCache } from '../cache/lru-cache';
import { DefinitionVersionEntity } from '../entities/definition-version.entity';

/** How many published versions one process keeps in memory: far more than a registry holds in use. */
const CACHED_VERSIONS = 500;

/**
 * The published versions of definitions. What a version compiles to never changes once it is
 * published (only its status does), so `pinned` serves it from memory after its first read;
 * a version published since is a key not yet cached, read at once. The cache belongs to the
 * instance, so processes and test databases never share one.
 */
export class DefinitionVersionsRepository {
  private readonly published = new LruCache<string, PinnedDefinition>(CACHED_VERSIONS);

  constructor(private readonly dataSource: DataSource) {}

  /** A version's key, number and compiled form, whatever its status; undefined when there is no such version. */
  async pinned(key: string, version: number): Promise<PinnedDefinition | undefined> {
    const cacheKey = `${key}@${version}`;
    let definition = this.published.get(cacheKey);
    if (!definition) {
      // Read outside any transaction: only a committed version is cached, never one a rollback could take back.
      const row = await this.dataSource.getRepository(DefinitionVersionEntity).findOneBy({ key, version });
      if (!row) return undefined;
      definition = { key: row.key, version: row.version, compiled: row.compiled };
      this.published.set(cacheKey, definition);
    }
    // A copy: a caller that changed what it was handed would change it for every later request.
    return structuredClone(definition);
  }

  /** A version with its status, as stored now. */
  async find(key: string, version: number): Promise<DefinitionVersionEntity | null> {
    return this.dataSource.getRepository(DefinitionVersionEntity).findOneBy({ key, version });
  }

  /** Every version of a key, newest first; of every key (by key) when `key` is undefined. */
  versionsOf(key?: string): Promise<DefinitionVersionEntity[]> {
    return this.dataSource.getRepository(DefinitionVersionEntity).find({ where: key === undefined ? {} : { key }, order: { key: 'ASC', version: 'DESC' } });
  }

  /** The newest version of a key (the one with `checksum` when it is given). */
  latest(db: EntityManager, key: string, checksum?: string): Promise<DefinitionVersionEntity | null> {
    return db.findOne(DefinitionVersionEntity, { where: checksum === undefined ? { key } : { key, checksum }, order: { version: 'DESC' } });
  }

  /** Publishes `compiled` as the next version of its key; call it under `lockKey`. */
  async insertNext(db: EntityManager, source: string, compiled: CompiledDefinition, by: string): Promise<DefinitionVersionEntity> {
    const latest = await this.latest(db, compiled.key);
    const row = db.create(DefinitionVersionEntity, {
      key: compiled.key,
      version: (latest?.version ?? 0) + 1,
      source,
      compiled,
      checksum: compiled.checksum,
      publishedBy: by,
      publishedAt: new Date(),
      status: 'published',
      deprecatedBy: null,
      deprecatedAt: null,
    });
    return db.save(row);
  }

  /** Marks a published version deprecated; one deprecated already stays as it was. */
  async deprecate(key: string, version: number, by: string): Promise<void> {
    await this.dataSource
      .getRepository(DefinitionVersionEntity)
      .update({ key, version, status: 'published' }, { status: 'deprecated', deprecatedBy: by, deprecatedAt: new Date() });
  }

  /** Serialises the publishers of one key (several API replicas, two admins at once) until `db`'s transaction ends. */
  async lockKey(db: EntityManager, key: string): Promise<void> {
    await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`definition:${key}`]);
  }

  /** How many projects run on the version. */
  async runningProjectCount(key: string, version: number): Promise<number> {
    const [row]: { count: string }[] = await this.dataSource.query(
      `SELECT count(*) AS count FROM projects WHERE definition_key = $1 AND definition_version = $2 AND status = 'running'`,
      [key, version],
    );
    return Number(row.count);
  }

  /** The steps the running projects of the version have open tasks in, once per project and step. */
  async openSteps(key: string, version: number): Promise<{ stageId: string; stepId: string; projectId: string }[]> {
    const rows: { stage_id: string; step_id: string; project_id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT task.stage_id, task.step_id, task.project_id
         FROM tasks task JOIN projects project ON project.id = task.project_id
        WHERE project.definition_key = $1 AND project.definition_version = $2 AND project.status = 'running' AND task.status = 'open'`,
      [key, version],
    );
    return rows.map((row) => ({ stageId: row.stage_id, stepId: row.step_id, projectId: row.project_id }));
  }

  /** How many projects run on each version, keyed `key@version`: one grouped count. */
  async runningProjects(): Promise<Map<string, number>> {
    const rows: { key: string; version: number; running: number }[] = await this.dataSource.query(
      `SELECT definition_key AS key, definition_version AS version, count(*)::int AS running FROM projects WHERE status = 'running' GROUP BY definition_key, definition_version`,
    );
    return new Map(rows.map((row) => [`${row.key}@${row.version}`, row.running]));
  }
}
