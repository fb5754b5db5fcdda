import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rollUpKpis } from '@accord/domain';
import { CustomerEntity, ProjectEntity } from '@accord/persistence';
import type { AuthUser } from '../auth/auth-user';
import { CustomerException, ErrorCode } from '../errors/accord.exception';
import { ProjectTrackingService } from '../expectations/project-tracking.service';
import { ProjectsService } from '../projects/projects.service';
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
    private readonly projects: ProjectsService,
    private readonly tracking: ProjectTrackingService,
  ) {}

  async record(user: AuthUser, key: string): Promise<CustomerRecordResponse> {
    const customer = await this.dataSource.getRepository(CustomerEntity).findOneBy({ key });
    const rows = customer ? await this.dataSource.getRepository(ProjectEntity).find({ where: { customerKey: key }, order: { startedAt: 'ASC', id: 'ASC' } }) : [];
    const readable = await this.projects.withRight(user, rows.map((row) => row.id), 'read-internal');
    const visible = rows.filter((row) => readable.has(row.id));
    if (!customer || visible.length === 0) throw new CustomerException(ErrorCode.NOT_FOUND, `No customer ${key} with a project you may see`, [{ path: 'key', message: `no customer ${key} with a project you may see` }]);
    const reports = await Promise.all(visible.map((row) => this.tracking.uncheckedKpiReport(row.id)));
    return {
      key,
      name: customer.name,
      since: customer.firstProjectAt.toISOString(),
      projects: visible.map((row, index) => ({
        id: row.id,
        name: row.name,
        status: row.status,
        currentStage: row.currentStage,
        team: row.team,
        startedAt: row.startedAt.toISOString(),
        finishedAt: row.finishedAt?.toISOString() ?? null,
        final: reports[index].final,
        kpis: reports[index].kpis,
      })),
      kpis: rollUpKpis(visible.map((row, index) => ({ projectId: row.id, final: reports[index].final, kpis: reports[index].kpis, incentives: reports[index].incentives }))),
      projectsNotVisible: rows.length - visible.length,
    };
  }
}
