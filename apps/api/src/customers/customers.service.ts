import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rollUpKpis } from '@accord/domain';
import { CustomerEntity, ProjectEntity } from '@accord/persistence';
import type { AuthUser } from '../auth/auth-user';
import { CustomerException, ErrorCode } from '../errors/accord.exception';
import { ProjectTrackingService } from '../expectations/project-tracking.service';
import type { CustomerRecordResponse } from './dto/customer-record.response';

/**
 * A customer's record: who they are and the projects run for them, each with its KPIs, and
 * those KPIs combined. Like a team's report, it covers the projects the caller could read one
 * by one, and a customer with none of those looks like one that does not exist.
 */
@Injectable()
export class CustomersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tracking: ProjectTrackingService,
  ) {}

  async record(user: AuthUser, key: string): Promise<CustomerRecordResponse> {
    const customer = await this.dataSource.getRepository(CustomerEntity).findOneBy({ key });
    const rows = customer ? await this.dataSource.getRepository(ProjectEntity).find({ where: { customerKey: key }, order: { startedAt: 'ASC', id: 'ASC' } }) : [];
    const { reports, notVisible } = await this.tracking.kpiReportsOf(user, rows);
    if (!customer || reports.length === 0) throw new CustomerException(ErrorCode.NOT_FOUND, `No customer ${key} with a project you may see`, [{ path: 'key', message: `no customer ${key} with a project you may see` }]);
    return {
      key,
      name: customer.name,
      since: customer.firstProjectAt.toISOString(),
      projects: reports.map(({ project, report }) => ({
        id: project.id,
        name: project.name,
        status: project.status,
        currentStage: project.currentStage,
        team: project.team,
        startedAt: project.startedAt.toISOString(),
        finishedAt: project.finishedAt?.toISOString() ?? null,
        final: report.final,
        kpis: report.kpis,
      })),
      kpis: rollUpKpis(reports.map(({ project, report }) => ({ projectId: project.id, ...report }))),
      projectsNotVisible: notVisible,
    };
  }
}
