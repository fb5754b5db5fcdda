import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { analyseCustomerValue, churnWarning, classifyCustomer, type CustomerAnalyticsSettings, type CustomerFacts } from '@accord/domain';
import { CustomersRepository } from '@accord/persistence';
import { AccordConfig } from '@accord/runtime';
import { type AuthUser, isOverseer } from '../auth/auth-user';
import { CustomerException, ErrorCode } from '../errors/accord.exception';
import { ProjectTrackingService } from '../tracking/project-tracking.service';
import { inRollupTransaction } from '../tracking/rollup-transaction';
import type { KeysetPageDto } from '../input/keyset-page.dto';
import { CustomerAnalyticsSettingsService } from './customer-analytics-settings.service';
import { CustomerFactsRepository } from './customer-facts.repository';
import { compareForSort, type CustomerListCursor, decodeCustomerCursor, encodeCustomerCursor } from './customer-list-cursor';
import { profileResponse } from './customer-profiles.service';
import type { CustomerAnalysesResponse } from './dto/customer-analyses.response';
import type { CustomerListQueryDto, CustomerListSort } from './dto/customer-list-query.dto';
import type { CustomerListItemResponse, CustomerListResponse } from './dto/customer-list.response';
import type { CustomerRecordResponse } from './dto/customer-record.response';

/** The three analyses of a customer, from their facts and the company's settings. */
function analysesOf(facts: CustomerFacts, settings: CustomerAnalyticsSettings, now: Date): CustomerAnalysesResponse {
  return {
    computedAt: now.toISOString(),
    classification: classifyCustomer(facts, settings.classification, now),
    value: analyseCustomerValue(facts, settings.trend, now),
    churn: churnWarning(facts, settings, now),
  };
}

/** Where a customer stands in the list's order. */
function sortKeyOf(sort: CustomerListSort, item: CustomerListItemResponse): CustomerListCursor['key'] {
  const figures: Record<CustomerListSort, string | number | null> = { name: item.name, value: item.contractValue, churn: item.churnScore };
  return [figures[sort], item.key];
}

/**
 * A customer's record: who they are and the projects run for them, each with its KPIs, and
 * those KPIs combined, their history and the analyses of them. Like a team's report, it covers
 * the projects the caller could read one by one, and a customer with none of those looks like
 * one that does not exist.
 */
@Injectable()
export class CustomersService {
  private readonly customers: CustomersRepository;

  constructor(
    private readonly dataSource: DataSource,
    private readonly tracking: ProjectTrackingService,
    private readonly facts: CustomerFactsRepository,
    private readonly settings: CustomerAnalyticsSettingsService,
    private readonly config: AccordConfig,
  ) {
    this.customers = new CustomersRepository(dataSource);
  }

  /**
   * The record in one roll-up transaction (ACCORD_ROLLUP_STATEMENT_TIMEOUT_MS): its KPIs,
   * history and analyses over every project of the customer the caller may read, its project
   * list one page (limit, cursor) of them.
   */
  async record(user: AuthUser, key: string, page: KeysetPageDto): Promise<CustomerRecordResponse> {
    return inRollupTransaction(this.dataSource, this.config.ACCORD_ROLLUP_STATEMENT_TIMEOUT_MS, (db) => this.recordIn(db, user, key, page));
  }

  private async recordIn(db: EntityManager, user: AuthUser, key: string, page: KeysetPageDto): Promise<CustomerRecordResponse> {
    const customer = await this.customers.find(key, db);
    const rollUp = customer ? await this.tracking.kpiRollUp(db, user, { customerKey: key }, page) : undefined;
    // Overseers read every project, so a customer none of whose projects they see has none: imported, not yet served.
    if (!customer || !rollUp || (rollUp.readable.length === 0 && !isOverseer(user)))
      throw new CustomerException(ErrorCode.NOT_FOUND, `No customer ${key} with a project you may see`, [
        { path: 'key', message: `no customer ${key} with a project you may see` },
      ]);
    const visible = rollUp.readable.map((project) => ({
      id: project.id,
      customerKey: key,
      status: project.status,
      startedAt: project.startedAt,
      finishedAt: project.finishedAt,
    }));
    const ids = visible.map((project) => project.id);
    const kpis = rollUp.kpis;
    // One after the other: a transaction is one connection, which runs one query at a time.
    const [withProfile] = await this.facts.customers([key], db);
    const requirements = await this.facts.requirements(key, ids, db);
    const feedback = await this.facts.feedback(ids, db);
    const surveys = await this.facts.surveys(ids, db);
    const settings = await this.settings.current();
    const signals = (await this.facts.signals([withProfile], visible, db)).get(key)!;
    const answer = (value: unknown) => (typeof value === 'number' ? value : null);
    return {
      key,
      name: customer.name,
      since: customer.firstProjectAt?.toISOString() ?? null,
      profile: profileResponse(withProfile),
      projects: rollUp.page.map(({ project, report }) => ({
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
      nextCursor: rollUp.nextCursor,
      kpis,
      projectsNotVisible: rollUp.notVisible,
      requirements: requirements.map((row) => ({ ...row, recordedAt: row.recordedAt.toISOString() })),
      feedback: feedback.map((row) => ({
        ...row,
        raisedAt: row.raisedAt.toISOString(),
        status: row.closedAt ? 'closed' : 'open',
        closedAt: row.closedAt?.toISOString() ?? null,
      })),
      surveys: surveys.map((row) => ({
        id: row.id,
        projectId: row.projectId,
        at: row.at.toISOString(),
        score: row.score,
        overall: answer(row.detail.overall),
        deliverables: answer(row.detail.deliverables),
        service: answer(row.detail.service),
      })),
      analyses: analysesOf({ ...signals, goals: { set: kpis.goalsSet, met: kpis.goalsMet } }, settings, new Date()),
    };
  }

  /** One page of the customers with a project the caller may read, classed and scored, filtered and sorted. */
  async list(user: AuthUser, query: CustomerListQueryDto): Promise<CustomerListResponse> {
    const after = query.cursor ? decodeCustomerCursor(query.cursor, query.sort) : undefined;
    const sorted = await this.matching(user, query);
    const rest = after ? sorted.filter((item) => compareForSort(query.sort, sortKeyOf(query.sort, item), after.key) > 0) : sorted;
    const page = rest.slice(0, query.limit);
    const last = page.at(-1);
    return { items: page, nextCursor: rest.length > page.length && last ? encodeCustomerCursor({ sort: query.sort, key: sortKeyOf(query.sort, last) }) : null };
  }

  /** Every matching customer, unpaged, for the spreadsheet. */
  async export(user: AuthUser, query: CustomerListQueryDto): Promise<CustomerListItemResponse[]> {
    return this.matching(user, query);
  }

  private async matching(user: AuthUser, query: CustomerListQueryDto): Promise<CustomerListItemResponse[]> {
    const projects = await this.facts.visibleProjects(user);
    // Overseers see every customer, those imported without a project too; anyone else those of their projects.
    const customers = await this.facts.customers(isOverseer(user) ? undefined : [...new Set(projects.map((project) => project.customerKey))]);
    const [signals, settings] = await Promise.all([this.facts.signals(customers, projects), this.settings.current()]);
    const now = new Date();
    const q = query.q?.toLowerCase();
    const same = (a: string | null, b: string | undefined) => b === undefined || a?.toLowerCase() === b.toLowerCase();
    const items = customers
      .map((customer): CustomerListItemResponse => {
        const facts = signals.get(customer.key)!;
        const classification = classifyCustomer(facts, settings.classification, now);
        // The list needs no goals: neither the class nor the churn score reads them.
        const churn = churnWarning({ ...facts, goals: { set: 0, met: 0 } }, settings, now);
        return {
          key: customer.key,
          name: customer.name,
          industry: customer.industry,
          region: customer.region,
          contractValue: customer.annualContractValue,
          projects: facts.projects.length,
          classLabel: classification.label,
          abc: classification.abc,
          basis: classification.basis,
          stage: classification.stage,
          churnScore: churn.score,
          churnWarning: churn.warning,
        };
      })
      .filter(
        (item) =>
          (query.class === undefined || item.abc === query.class) &&
          (query.stage === undefined || item.stage === query.stage) &&
          (query.churnWarning === undefined || item.churnWarning === (query.churnWarning === 'true')) &&
          same(item.industry, query.industry) &&
          same(item.region, query.region) &&
          (q === undefined || item.name.toLowerCase().includes(q) || item.key.includes(q)),
      );
    return items.sort((a, b) => compareForSort(query.sort, sortKeyOf(query.sort, a), sortKeyOf(query.sort, b)));
  }
}
