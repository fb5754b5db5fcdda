import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rollUpKpis, tallyTeamIncentives, type ReportedProjectKpis } from '@accord/domain';
import { ProjectEntity } from '@accord/persistence';
import type { AuthUser } from '../auth/auth-user';
import { ErrorCode, ExpectationException } from '../errors/accord.exception';
import type { TeamKpiReportResponse } from './dto/team-kpi-report.response';
import { ProjectTrackingService } from './project-tracking.service';

/**
 * KPIs per team (R-EXP-10): the projects a team delivers, each with its KPI report, rolled
 * up. A caller sees the roll-up of the team's projects they could read the report of one by
 * one; a team with none of those looks like a team that does not exist. The count of the
 * team's other projects is the one thing it tells beyond the project views.
 */
@Injectable()
export class TeamKpisService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tracking: ProjectTrackingService,
  ) {}

  async report(user: AuthUser, team: string): Promise<TeamKpiReportResponse> {
    const rows = await this.dataSource.getRepository(ProjectEntity).find({ where: { team }, order: { startedAt: 'ASC', id: 'ASC' } });
    const { reports, notVisible } = await this.tracking.kpiReportsOf(user, rows);
    if (reports.length === 0) throw new ExpectationException(ErrorCode.NOT_FOUND, `No project of team ${team} that you may see`, [{ path: 'team', message: `no project of team ${team} that you may see` }]);
    const projects: ReportedProjectKpis[] = reports.map(({ project, report }) => ({ projectId: project.id, ...report }));
    return {
      team,
      computedAt: new Date().toISOString(),
      kpis: rollUpKpis(projects),
      projects: reports.map(({ project, report }) => ({ id: project.id, name: project.name, status: project.status, final: report.final, kpis: report.kpis })),
      members: tallyTeamIncentives(projects),
      projectsNotVisible: notVisible,
    };
  }
}
