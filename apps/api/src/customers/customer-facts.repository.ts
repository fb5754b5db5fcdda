import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { COMPLAINT_SIGNAL, FEEDBACK_SIGNALS, type ProjectStatus } from '@accord/contracts';
import { type CustomerContact, type CustomerSignals, loadCustomerSignals } from '@accord/persistence';
import type { AuthUser } from '../auth/auth-user';
import { internalReadCondition, profileManagerCondition } from './customer-visibility.sql';

/** A project for a customer that the caller may read. */
export interface VisibleCustomerProject {
  id: string;
  customerKey: string;
  status: ProjectStatus;
  startedAt: Date;
  finishedAt: Date | null;
}

/** A customer with their profile (all null until one was given). */
export interface CustomerWithProfile {
  key: string;
  name: string;
  /** Null for a customer imported before their first project. */
  firstProjectAt: Date | null;
  industry: string | null;
  size: string | null;
  region: string | null;
  annualContractValue: number | null;
  contacts: CustomerContact[];
  updatedBy: string | null;
  updatedAt: Date | null;
}

export interface FeedbackRow {
  id: string;
  projectId: string;
  channel: string;
  description: string;
  complaint: boolean;
  raisedBy: string;
  raisedAt: Date;
  closedAt: Date | null;
}

export interface SurveyRow {
  id: string;
  projectId: string;
  at: Date;
  score: number;
  detail: Record<string, unknown>;
}

export interface RequirementRow {
  id: string;
  projectId: string;
  version: number;
  specification: Record<string, unknown>;
  recordedAt: Date;
  recordedBy: string | null;
}

/**
 * Reads what the customer record and list are computed from, a fixed number of set-based
 * queries for any number of customers, only ever from the projects the caller may read.
 * `db` is the record's roll-up transaction (statement timeout, one snapshot) when there is one.
 */
@Injectable()
export class CustomerFactsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Whether the caller may read the customer (one of their projects by the record's rule) and
   * manage their profile; both false for an unknown customer.
   */
  async profileRights(user: AuthUser, key: string): Promise<{ readable: boolean; manage: boolean }> {
    const params: unknown[] = [key];
    const param = (value: unknown) => `$${params.push(value)}`;
    const [row]: { readable: boolean | null; manage: boolean | null }[] = await this.dataSource.query(
      // A customer without projects (imported) is one row with a null project: only the conditions that hold for any project (overseers read, admins manage) hold for it.
      `SELECT bool_or(${internalReadCondition(user, param)}) AS readable, bool_or(${profileManagerCondition(user, param)}) AS manage
         FROM customers customer LEFT JOIN projects project ON project.customer_key = customer.key WHERE customer.key = $1`,
      params,
    );
    return { readable: row?.readable === true, manage: row?.manage === true };
  }

  /** The caller's readable projects of these customers (of every customer when `keys` is undefined). */
  async visibleProjects(user: AuthUser, keys?: string[]): Promise<VisibleCustomerProject[]> {
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    const byKey = keys === undefined ? '' : `AND project.customer_key = ANY(${param(keys)})`;
    const rows: { id: string; customer_key: string; status: ProjectStatus; started_at: Date; finished_at: Date | null }[] = await this.dataSource.query(
      `SELECT project.id, project.customer_key, project.status, project.started_at, project.finished_at FROM projects project
        WHERE project.customer_key IS NOT NULL ${byKey} AND ${internalReadCondition(user, param)}
        ORDER BY project.started_at, project.id`,
      params,
    );
    return rows.map((row) => ({ id: row.id, customerKey: row.customer_key, status: row.status, startedAt: row.started_at, finishedAt: row.finished_at }));
  }

  /** These customers with their profiles (every customer when `keys` is undefined). */
  async customers(keys?: string[], db: EntityManager = this.dataSource.manager): Promise<CustomerWithProfile[]> {
    const rows: Record<string, unknown>[] = await db.query(
      `SELECT customer.key, customer.name, customer.first_project_at, profile.industry, profile.size, profile.region, profile.annual_contract_value,
              COALESCE(profile.contacts, '[]'::jsonb) AS contacts, profile.updated_by, profile.updated_at
         FROM customers customer LEFT JOIN customer_profiles profile ON profile.customer_key = customer.key
        WHERE $1::text[] IS NULL OR customer.key = ANY($1) ORDER BY customer.key`,
      [keys ?? null],
    );
    return rows.map((row) => ({
      key: row.key as string,
      name: row.name as string,
      firstProjectAt: row.first_project_at as Date | null,
      industry: row.industry as string | null,
      size: row.size as string | null,
      region: row.region as string | null,
      annualContractValue: row.annual_contract_value as number | null,
      contacts: row.contacts as CustomerContact[],
      updatedBy: row.updated_by as string | null,
      updatedAt: row.updated_at as Date | null,
    }));
  }

  /** Each customer's signals, from their visible projects, as of now. */
  signals(
    customers: CustomerWithProfile[],
    projects: VisibleCustomerProject[],
    db: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, CustomerSignals>> {
    return loadCustomerSignals(db, customers, projects, new Date());
  }

  async surveys(projectIds: string[], db: EntityManager = this.dataSource.manager): Promise<SurveyRow[]> {
    const rows: { id: string; project_id: string; at: Date; value: number; detail: Record<string, unknown> }[] = await db.query(
      `SELECT id, project_id, at, value, detail FROM metric_readings WHERE project_id = ANY($1) AND metric = 'satisfaction' ORDER BY at, id`,
      [projectIds],
    );
    return rows.map((row) => ({ id: row.id, projectId: row.project_id, at: row.at, score: row.value, detail: row.detail }));
  }

  async feedback(projectIds: string[], db: EntityManager = this.dataSource.manager): Promise<FeedbackRow[]> {
    const rows: { id: string; project_id: string; name: string; data: Record<string, unknown>; raised_by: string; raised_at: Date; closed_at: Date | null }[] =
      await db.query(
        `SELECT id, project_id, name, data, raised_by, raised_at, closed_at FROM project_events
        WHERE project_id = ANY($1) AND kind = 'signal' AND name = ANY($2) ORDER BY raised_at, id`,
        [projectIds, [...FEEDBACK_SIGNALS]],
      );
    return rows.map((row) => ({
      id: row.id,
      projectId: row.project_id,
      channel: String(row.data.channel ?? 'unknown'),
      description: String(row.data.description ?? ''),
      complaint: row.name === COMPLAINT_SIGNAL || row.data.complaint === true,
      raisedBy: row.raised_by,
      raisedAt: row.raised_at,
      closedAt: row.closed_at,
    }));
  }

  /** The requirement history recorded by these projects (table customer_requirements, written by the review workflow). */
  async requirements(key: string, projectIds: string[], db: EntityManager = this.dataSource.manager): Promise<RequirementRow[]> {
    const rows: { id: string; project_id: string; version: number; specification: Record<string, unknown>; recorded_at: Date; recorded_by: string | null }[] =
      await db.query(
        `SELECT id, project_id, version, specification, recorded_at, recorded_by FROM customer_requirements
        WHERE customer_key = $1 AND project_id = ANY($2) ORDER BY version, id`,
        [key, projectIds],
      );
    return rows.map((row) => ({
      id: row.id,
      projectId: row.project_id,
      version: row.version,
      specification: row.specification,
      recordedAt: row.recorded_at,
      recordedBy: row.recorded_by,
    }));
  }
}
