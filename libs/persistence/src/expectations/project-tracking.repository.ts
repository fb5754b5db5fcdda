import type { DataSource } from 'typeorm';
import type { MetricName } from '@accord/contracts';
import { ActionItemEntity } from '../entities/action-item.entity';
import { DeviationAnalysisEntity } from '../entities/deviation-analysis.entity';
import { MeetingEntity } from '../entities/meeting.entity';
import { MetricReadingEntity } from '../entities/metric-reading.entity';
import { ProjectEventEntity } from '../entities/project-event.entity';

/** What a project's delivery is tracked by: metric readings, meetings and their action items, raised events and deviation analyses. */
export class ProjectTrackingRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The metric's latest reading in the project. */
  latestReading(projectId: string, metric: MetricName): Promise<MetricReadingEntity | null> {
    return this.dataSource.getRepository(MetricReadingEntity).findOne({ where: { projectId, metric }, order: { at: 'DESC', id: 'DESC' } });
  }

  /** The project's readings, of one metric or all, oldest first. */
  readings(projectId: string, metric?: MetricName): Promise<MetricReadingEntity[]> {
    return this.dataSource.getRepository(MetricReadingEntity).find({ where: { projectId, ...(metric ? { metric } : {}) }, order: { at: 'ASC', id: 'ASC' } });
  }

  /** The project's meetings, soonest first. */
  meetings(projectId: string): Promise<MeetingEntity[]> {
    return this.dataSource.getRepository(MeetingEntity).find({ where: { projectId }, order: { scheduledAt: 'ASC', id: 'ASC' } });
  }

  /** The action items of every meeting of the project, by meeting, in the order the minutes list them. */
  actionItems(projectId: string): Promise<ActionItemEntity[]> {
    return this.dataSource.getRepository(ActionItemEntity).find({ where: { projectId }, order: { meetingId: 'ASC', index: 'ASC' } });
  }

  /** The events raised in the project (of one signal when `signal` is given), oldest first. */
  events(projectId: string, signal?: string): Promise<ProjectEventEntity[]> {
    return this.dataSource
      .getRepository(ProjectEventEntity)
      .find({ where: { projectId, ...(signal === undefined ? {} : { kind: 'signal', name: signal }) }, order: { raisedAt: 'ASC', id: 'ASC' } });
  }

  deviationAnalyses(projectId: string): Promise<DeviationAnalysisEntity[]> {
    return this.dataSource.getRepository(DeviationAnalysisEntity).find({ where: { projectId } });
  }
}
