import { In, type DataSource } from 'typeorm';
import { FEEDBACK_SIGNALS } from '@accord/contracts';
import { FeedbackLinkEntity } from '../entities/feedback-link.entity';
import { ProjectEventEntity } from '../entities/project-event.entity';

/** Customer feedback: the events it raised, who was made its owner, and each project's public feedback link. */
export class FeedbackRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Every feedback item and complaint raised in the project, oldest first. */
  events(projectId: string): Promise<ProjectEventEntity[]> {
    return this.dataSource
      .getRepository(ProjectEventEntity)
      .find({ where: { projectId, kind: 'signal', name: In([...FEEDBACK_SIGNALS]) }, order: { raisedAt: 'ASC' } });
  }

  /** The owner each of these follow-up workflows routed its item to: the latest routing wins when it was reworked. */
  async owners(workflowIds: string[]): Promise<Map<string, string>> {
    if (workflowIds.length === 0) return new Map();
    const rows: { workflow_id: string; owner: string }[] = await this.dataSource.query(
      `SELECT DISTINCT ON (workflow_id) workflow_id, completion_data->>'owner' AS owner FROM tasks
        WHERE workflow_id = ANY($1) AND status = 'completed' AND completion_data ? 'owner' ORDER BY workflow_id, closed_at DESC`,
      [workflowIds],
    );
    return new Map(rows.map((row) => [row.workflow_id, row.owner]));
  }

  /** The link of this token's hash. */
  linkByTokenHash(tokenHash: string): Promise<FeedbackLinkEntity | null> {
    return this.dataSource.getRepository(FeedbackLinkEntity).findOneBy({ tokenHash });
  }

  linkOf(projectId: string): Promise<FeedbackLinkEntity | null> {
    return this.dataSource.getRepository(FeedbackLinkEntity).findOneBy({ projectId });
  }

  /** Stores the project's link, replacing any earlier one (which stops working). */
  async replaceLink(link: FeedbackLinkEntity): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(FeedbackLinkEntity)
      .values(link)
      .orUpdate(['token_hash', 'created_by', 'created_at'], ['project_id'])
      .execute();
  }
}
