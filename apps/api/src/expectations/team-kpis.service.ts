import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rollUpTeamKpis, tallyTeamIncentives, type TeamProjectKpis } from '@accord/domain';
import { ProjectEntity } from '@accord/persistence';
import type { AuthUser } from '../auth/auth-user';
import { ErrorCode, ExpectationException, ProjectException } from '../errors/accord.exception';
import { ProjectsService } from '../projects/projects.service';
import type { TeamKpiReportResponse } from './dto/team-kpi-report.response';
import { ProjectTrackingService } from './project-tracking.service';

/**
 * KPIs per team (R-EXP-10): the projects a team delivers, each with its KPI report, rolled
 * up. A caller sees the roll-up of the team's projects they could read the report of one by
 * one, so the team view tells nobody more than the project views do.
 */
@Injectable()
export class TeamKpisService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly projects: ProjectsService,
    private readonly tracking: ProjectTrackingService,
  ) {}

  async report(user: AuthUser, team: string): Promise<TeamKpiReportResponse> {
    const rows = await this.dataSource.getRepository(ProjectEntity).find({ where: { team }, order: { startedAt: 'ASC', id: 'ASC' } });
    if (rows.length === 0) throw new ExpectationException(ErrorCode.NOT_FOUND, `No project belongs to team ${team}`, [{ path: 'team', message: `no project of team ${team}` }]);
    const visible = (await Promise.all(rows.map(async (row) => ((await this.mayRead(user, row.id)) ? row : undefined)))).filter((row): row is ProjectEntity => row !== undefined);
    if (visible.length === 0) throw new ProjectException(ErrorCode.FORBIDDEN, `The KPIs of team ${team} need a member of one of its projects in an internal role`);
    const reports = await Promise.all(visible.map((row) => this.tracking.recordedKpis(row.id)));
    const projects: TeamProjectKpis[] = visible.map((row, index) => ({ projectId: row.id, final: reports[index].final, kpis: reports[index].kpis, incentives: reports[index].incentives }));
    return {
      team,
      computedAt: new Date().toISOString(),
      kpis: rollUpTeamKpis(projects),
      projects: visible.map((row, index) => ({ id: row.id, name: row.name, status: row.status, final: reports[index].final, kpis: reports[index].kpis })),
      members: tallyTeamIncentives(projects),
      projectsNotVisible: rows.length - visible.length,
    };
  }

  private async mayRead(user: AuthUser, projectId: string): Promise<boolean> {
    try {
      await this.projects.authorize(user, projectId, 'read-internal');
      return true;
    } catch (error) {
      if (error instanceof ProjectException && error.code === ErrorCode.FORBIDDEN) return false;
      throw error;
    }
  }
}
