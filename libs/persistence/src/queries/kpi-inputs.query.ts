import type { EntityManager } from 'typeorm';
import { CHANGE_REQUEST_SIGNAL, COMPLAINT_SIGNAL, FEEDBACK_SIGNALS } from '@accord/contracts';
import type { KpiInputs } from '@accord/domain';
import { BaselineEntity } from '../entities/baseline.entity';
import { MetricReadingEntity } from '../entities/metric-reading.entity';
import { ProjectEventEntity } from '../entities/project-event.entity';

/**
 * Everything the KPIs of a project are computed from, as recorded so far: the baseline in
 * force, the readings and the events. The survey and goal verifications come from the
 * assessment, so a report asked for before it has none of them.
 */
export async function loadKpiInputs(db: EntityManager, projectId: string, assessment: Pick<KpiInputs, 'survey' | 'verifications'>): Promise<KpiInputs> {
  const baseline = await db.getRepository(BaselineEntity).findOne({ where: { projectId }, order: { version: 'DESC' } });
  const readings = await db.getRepository(MetricReadingEntity).find({ where: { projectId }, order: { at: 'ASC' } });
  const events = await db.getRepository(ProjectEventEntity).find({ where: { projectId }, order: { raisedAt: 'ASC' } });
  return {
    goals: baseline?.goals ?? [],
    verifications: assessment.verifications,
    readings: readings.map((reading) => ({ metric: reading.metric, value: reading.value, at: reading.at.toISOString() })),
    survey: assessment.survey,
    feedback: events
      .filter((event) => event.kind === 'signal' && FEEDBACK_SIGNALS.includes(event.name))
      .map((event) => ({
        raisedAt: event.raisedAt.toISOString(),
        closedAt: event.closedAt?.toISOString(),
        complaint: event.name === COMPLAINT_SIGNAL || event.data.complaint === true,
      })),
    deviationBreaches: events.filter((event) => event.kind === 'metric-breach').length,
    changeRequests: events.filter((event) => event.kind === 'signal' && event.name === CHANGE_REQUEST_SIGNAL).length,
  };
}
