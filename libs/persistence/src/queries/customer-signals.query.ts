import type { EntityManager } from 'typeorm';
import { COMPLAINT_SIGNAL, type ProjectStatus } from '@accord/contracts';
import { type CustomerAnalyticsSettings, type CustomerFacts, type DatedFigure, type DatedRecord, DEFAULT_CUSTOMER_ANALYTICS_SETTINGS } from '@accord/domain';
import { CustomerAnalyticsSettingsEntity } from '../entities/customer-analytics-settings.entity';

/** A project run for a customer, as the analyses count it. */
export interface CustomerProjectRow {
  id: string;
  customerKey: string;
  status: ProjectStatus;
  startedAt: Date;
  finishedAt: Date | null;
}

/** A customer's facts except the goals, which come from their projects' KPI reports in the record only. */
export type CustomerSignals = Omit<CustomerFacts, 'goals'>;

const group = <T>(rows: T[], keyOf: (row: T) => string): Map<string, T[]> => {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(keyOf(row), [...(groups.get(keyOf(row)) ?? []), row]);
  return groups;
};

/** The company's customer-analytics settings in force: the defaults until an admin changes them. */
export async function loadCustomerAnalyticsSettings(db: EntityManager): Promise<CustomerAnalyticsSettings> {
  return (await db.getRepository(CustomerAnalyticsSettingsEntity).findOneBy({ id: 1 }))?.settings ?? DEFAULT_CUSTOMER_ANALYTICS_SETTINGS;
}

/** Every project of these customers, whoever may read them (the engine's own view, for the churn watch). */
export async function loadCustomerProjects(db: EntityManager, keys: string[]): Promise<CustomerProjectRow[]> {
  const rows: { id: string; customer_key: string; status: ProjectStatus; started_at: Date; finished_at: Date | null }[] = await db.query(
    `SELECT id, customer_key, status, started_at, finished_at FROM projects WHERE customer_key = ANY($1) ORDER BY started_at, id`,
    [keys],
  );
  return rows.map((row) => ({ id: row.id, customerKey: row.customer_key, status: row.status, startedAt: row.started_at, finishedAt: row.finished_at }));
}

/**
 * What the customer analyses are computed from, per customer, from the given projects only (a
 * caller's readable ones, or all of them): a fixed number of set-based queries for any number
 * of customers. `now` decides which action items are overdue: the API's clock, or a
 * workflow's when the engine watches for churn.
 */
export async function loadCustomerSignals(
  db: EntityManager,
  customers: { key: string; annualContractValue: number | null }[],
  projects: CustomerProjectRow[],
  now: Date,
): Promise<Map<string, CustomerSignals>> {
  const keys = customers.map((customer) => customer.key);
  const ids = projects.map((project) => project.id);
  const customerOf = new Map(projects.map((project) => [project.id, project.customerKey]));
  // One after another: inside the churn watch this runs on a transaction's single connection.
  const values: { id: string; customer_key: string; value: number; recorded_at: Date }[] = await db.query(
    `SELECT id::text AS id, customer_key, value, recorded_at FROM customer_contract_values WHERE customer_key = ANY($1) AND value IS NOT NULL ORDER BY recorded_at, id`,
    [keys],
  );
  const surveys: { id: string; project_id: string; at: Date; value: number }[] = await db.query(
    `SELECT id, project_id, at, value FROM metric_readings WHERE project_id = ANY($1) AND metric = 'satisfaction' ORDER BY at, id`,
    [ids],
  );
  const events: { id: string; project_id: string; kind: string; raised_at: Date }[] = await db.query(
    `SELECT id, project_id, kind, name, raised_at, closed_at FROM project_events
      WHERE project_id = ANY($1) AND ((kind = 'signal' AND name = $2 AND closed_at IS NULL) OR (kind = 'metric-breach' AND name = 'schedule_deviation'))`,
    [ids, COMPLAINT_SIGNAL],
  );
  // Owed to the customer: open, past its due time (at `now`), and its owner is no member of the project in an external role.
  const overdue: { id: string; project_id: string; due_at: Date }[] = await db.query(
    `SELECT item.id, item.project_id, COALESCE(item.due_at, (item.due::date + 1)::timestamptz) AS due_at FROM action_items item
       JOIN projects project ON project.id = item.project_id
       JOIN definition_versions version ON version.key = project.definition_key AND version.version = project.definition_version
      WHERE item.project_id = ANY($1) AND item.status = 'open' AND COALESCE(item.due_at, (item.due::date + 1)::timestamptz) < $2
        AND NOT EXISTS (SELECT 1 FROM project_members member WHERE member.project_id = item.project_id AND member.user_id = item.owner
                          AND COALESCE((version.compiled->'roles'->member.role->>'external')::boolean, false))
      ORDER BY due_at, item.id`,
    [ids, now],
  );
  const activity: { project_id: string; at: Date }[] = await db.query(
    `SELECT project_id, MAX(at) AS at FROM (
        SELECT project_id, closed_at AS at FROM tasks WHERE project_id = ANY($1) AND closed_at IS NOT NULL
        UNION ALL SELECT project_id, raised_at FROM project_events WHERE project_id = ANY($1)
        UNION ALL SELECT project_id, at FROM metric_readings WHERE project_id = ANY($1)) activity
      GROUP BY project_id`,
    [ids],
  );
  const ofCustomer = <T extends { project_id: string }>(rows: T[]) => group(rows, (row) => customerOf.get(row.project_id)!);
  const valuesBy = group(values, (row) => row.customer_key);
  const surveysBy = ofCustomer(surveys);
  const complaintsBy = ofCustomer(events.filter((event) => event.kind === 'signal'));
  const deviationsBy = ofCustomer(events.filter((event) => event.kind === 'metric-breach'));
  const overdueBy = ofCustomer(overdue);
  const latest = new Map<string, number>();
  const touch = (key: string, at: Date | null) => {
    if (at) latest.set(key, Math.max(latest.get(key) ?? 0, at.getTime()));
  };
  for (const project of projects) {
    touch(project.customerKey, project.startedAt);
    touch(project.customerKey, project.finishedAt);
  }
  for (const row of activity) touch(customerOf.get(row.project_id)!, row.at);
  const record = (id: string, projectId: string, at: Date): DatedRecord => ({ id, projectId, at });
  const projectsBy = group(projects, (project) => project.customerKey);
  return new Map(
    customers.map((customer): [string, CustomerSignals] => [
      customer.key,
      {
        projects: (projectsBy.get(customer.key) ?? []).map(({ id, status, startedAt, finishedAt }) => ({ id, status, startedAt, finishedAt })),
        contractValue: customer.annualContractValue,
        // A value since removed from the profile has no trend: the history ends with it.
        contractValues:
          customer.annualContractValue === null
            ? []
            : (valuesBy.get(customer.key) ?? []).map((row): DatedFigure => ({ id: `value-${row.id}`, at: row.recorded_at, value: row.value })),
        satisfaction: (surveysBy.get(customer.key) ?? []).map((row): DatedFigure => ({ id: row.id, at: row.at, value: row.value })),
        deviations: (deviationsBy.get(customer.key) ?? []).map((row) => record(row.id, row.project_id, row.raised_at)),
        openComplaints: (complaintsBy.get(customer.key) ?? []).map((row) => record(row.id, row.project_id, row.raised_at)),
        overdueActionItems: (overdueBy.get(customer.key) ?? []).map((row) => record(row.id, row.project_id, row.due_at)),
        lastActivityAt: latest.has(customer.key) ? new Date(latest.get(customer.key)!) : null,
      },
    ]),
  );
}
