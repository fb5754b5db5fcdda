import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { tallyTeamIncentives } from '@accord/domain';
import { AccordConfig } from '@accord/runtime';
import type { AuthUser } from '../auth/auth-user';
import { ErrorCode, ExpectationException } from '../errors/accord.exception';
import type { KeysetPageDto } from '../input/keyset-page.dto';
import type { TeamKpiReportResponse } from './dto/team-kpi-report.response';
import { ProjectTrackingService } from '../tracking/project-tracking.service';
import { inRollupTransaction } from '../tracking/rollup-transaction';

/**
 * KPIs per team (R-EXP-10): the projects a team delivers, each with its KPI report, rolled
 * up. A caller sees the roll-up of the team's projects they could read the report of one by
 * one; a team with none of those looks like a team that does not exist. The count of the
 * team's other projects is the one thing it tells beyond the project views. The roll-up
 * covers all of them; the projects are listed a page at a time.
 */
@Injectable()
export class TeamKpisService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tracking: ProjectTrackingService,
    private readonly config: AccordConfig,
  ) {}

  async report(user: AuthUser, team: string, page: KeysetPageDto): Promise<TeamKpiReportResponse> {
    const rollUp = await inRollupTransaction(this.dataSource, this.config.ACCORD_ROLLUP_STATEMENT_TIMEOUT_MS, (db) =>
      this.tracking.kpiRollUp(db, user, { team }, page),
    );
    if (rollUp.readable.length === 0)
      throw new ExpectationException(ErrorCode.NOT_FOUND, `No project of team ${team} that you may see`, [
        { path: 'team', message: `no project of team ${team} that you may see` },
      ]);
    return {
      team,
      computedAt: new Date().toISOString(),
      kpis: rollUp.kpis,
      projects: rollUp.page.map(({ project, report }) => ({
        id: project.id,
        name: project.name,
        status: project.status,
        final: report.final,
        kpis: report.kpis,
      })),
      nextCursor: rollUp.nextCursor,
      members: tallyTeamIncentives(rollUp.reported),
      projectsNotVisible: rollUp.notVisible,
    };
  }
}
