import type { DataSource } from 'typeorm';
import type { IncidentStatus } from '@accord/contracts';
import { IncidentEntity } from '../entities/incident.entity';
import { ProjectEntity } from '../entities/project.entity';

/** An incident with the name of its project (null when the project has no row yet). */
export interface IncidentInProject {
  incident: IncidentEntity;
  projectName: string | null;
}

/** Incidents as the API lists and resolves them; the workflows write them. */
export class IncidentsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The newest incidents, in a status (every status: undefined) and of one project or all. */
  async list(filter: { status?: IncidentStatus; projectId?: string; limit: number }): Promise<IncidentInProject[]> {
    const rows = this.dataSource
      .getRepository(IncidentEntity)
      .createQueryBuilder('incident')
      .leftJoin(ProjectEntity, 'project', 'project.id = incident.projectId')
      .addSelect('project.name', 'project_name')
      .orderBy('incident.openedAt', 'DESC')
      .addOrderBy('incident.id', 'ASC')
      .limit(filter.limit);
    if (filter.status) rows.andWhere('incident.status = :status', { status: filter.status });
    if (filter.projectId) rows.andWhere('incident.projectId = :project', { project: filter.projectId });
    const { entities, raw } = await rows.getRawAndEntities<{ project_name: string | null }>();
    return entities.map((incident, index) => ({ incident, projectName: raw[index]?.project_name ?? null }));
  }

  find(id: string): Promise<IncidentEntity | null> {
    return this.dataSource.getRepository(IncidentEntity).findOneBy({ id });
  }

  /** The name of the incident's project, if it has a row. */
  async projectName(projectId: string): Promise<string | null> {
    return (await this.dataSource.getRepository(ProjectEntity).findOne({ select: { name: true }, where: { id: projectId } }))?.name ?? null;
  }
}
