import type { DataSource } from 'typeorm';
import { BaselineEntity } from '../entities/baseline.entity';
import { ExpectationDocumentEntity } from '../entities/expectation-document.entity';
import { ExpectationEntity } from '../entities/expectation.entity';

/** How a list of expectations may be narrowed: each given field must match. */
export type ExpectationNarrowing = { [Field in 'channel' | 'phase' | 'kano' | 'maslow']?: NonNullable<ExpectationEntity[Field]> };

/** A project's expectation documents, the expectations each version lists, and its goal baselines: numbered versions that never change. */
export class ExpectationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The newest version of the project's expectation document. */
  latestDocument(projectId: string): Promise<ExpectationDocumentEntity | null> {
    return this.dataSource.getRepository(ExpectationDocumentEntity).findOne({ where: { projectId }, order: { version: 'DESC' } });
  }

  /** The number of the newest version of the project's expectation document, without its content. */
  async latestDocumentVersion(projectId: string): Promise<number | undefined> {
    return (
      await this.dataSource.getRepository(ExpectationDocumentEntity).findOne({ where: { projectId }, order: { version: 'DESC' }, select: { version: true } })
    )?.version;
  }

  /** Every version of the project's expectation document, oldest first. */
  documents(projectId: string): Promise<ExpectationDocumentEntity[]> {
    return this.dataSource.getRepository(ExpectationDocumentEntity).find({ where: { projectId }, order: { version: 'ASC' } });
  }

  document(projectId: string, version: number): Promise<ExpectationDocumentEntity | null> {
    return this.dataSource.getRepository(ExpectationDocumentEntity).findOneBy({ projectId, version });
  }

  /** The expectations a document version lists, in its order. */
  expectations(projectId: string, version: number, narrowing: ExpectationNarrowing): Promise<ExpectationEntity[]> {
    return this.dataSource.getRepository(ExpectationEntity).find({ where: { projectId, version, ...narrowing }, order: { position: 'ASC' } });
  }

  /** Every baseline of the project, oldest first. */
  baselines(projectId: string): Promise<BaselineEntity[]> {
    return this.dataSource.getRepository(BaselineEntity).find({ where: { projectId }, order: { version: 'ASC' } });
  }

  baseline(projectId: string, version: number): Promise<BaselineEntity | null> {
    return this.dataSource.getRepository(BaselineEntity).findOneBy({ projectId, version });
  }

  /** The baseline in force: the newest. */
  latestBaseline(projectId: string): Promise<BaselineEntity | null> {
    return this.dataSource.getRepository(BaselineEntity).findOne({ where: { projectId }, order: { version: 'DESC' } });
  }
}
