import type { DataSource, EntityManager } from 'typeorm';
import { DefinitionDraftEntity } from '../entities/definition-draft.entity';

/** The drafts of definitions, one per key: read and written as they are, never cached. */
export class DefinitionDraftsRepository {
  constructor(private readonly dataSource: DataSource) {}

  find(key: string, db: EntityManager = this.dataSource.manager): Promise<DefinitionDraftEntity | null> {
    return db.findOneBy(DefinitionDraftEntity, { key });
  }

  all(): Promise<DefinitionDraftEntity[]> {
    return this.dataSource.getRepository(DefinitionDraftEntity).find();
  }

  /** Creates or replaces the draft of `key`, keeping who created it and when. */
  save(key: string, source: string, by: string): Promise<DefinitionDraftEntity> {
    return this.dataSource.transaction(async (db) => {
      const existing = await db.findOneBy(DefinitionDraftEntity, { key });
      const now = new Date();
      const row = { key, source, createdBy: existing?.createdBy ?? by, createdAt: existing?.createdAt ?? now, updatedBy: by, updatedAt: now };
      await db.save(DefinitionDraftEntity, row);
      return row as DefinitionDraftEntity;
    });
  }

  /** Removes the draft of `key`; false when there was none. */
  async delete(key: string, db: EntityManager = this.dataSource.manager): Promise<boolean> {
    const result = await db.delete(DefinitionDraftEntity, { key });
    return Boolean(result.affected);
  }
}
