import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { TeamKpiReportResponse } from './dto/team-kpi-report.response';
import { TeamParamsDto } from './dto/team-params.dto';
import { TeamKpiReportQueryDto } from './dto/team-kpi-report-query.dto';
import { teamKpiReportCsv } from './team-kpi-report-csv';
import { wantsCsv } from '../csv/wants-csv';
import { TeamKpisService } from './team-kpis.service';

@ApiTags('tracking')
@ApiBearerAuth()
@Controller('teams/:team')
export class TeamKpisController {
  constructor(private readonly teams: TeamKpisService) {}

  @Get('kpi-report')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    type: TeamKpiReportResponse,
    description:
      'The team’s KPIs over all the projects the caller may see (overseers: all), with one page of those projects; CSV (the same page) with ?format=csv or Accept: text/csv',
  })
  @ApiBadRequestResponse({ description: 'Not a team key, an unknown format, a bad limit or cursor; details name the parameter' })
  @ApiServiceUnavailableResponse({
    description:
      'PostgreSQL or Temporal does not answer, or ROLLUP_TIMEOUT: a query ran past ACCORD_ROLLUP_STATEMENT_TIMEOUT_MS and was cancelled; try again later',
  })
  @ApiNotFoundResponse({ description: 'No project of this team that the caller may see (unknown teams look the same)' })
  async kpiReport(
    @CurrentUser() user: AuthUser,
    @Param() params: TeamParamsDto,
    @Query() query: TeamKpiReportQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<TeamKpiReportResponse | string> {
    const report = await this.teams.report(user, params.team, query);
    if (!wantsCsv(query.format, accept)) return report;
    response.type('text/csv').attachment(`kpi-report-team-${params.team}.csv`);
    return teamKpiReportCsv(report);
  }
}
