import type { EntityManager } from 'typeorm';
import {
  CHANGE_REQUEST_SIGNAL,
  COMPLAINT_SIGNAL,
  FEEDBACK_SIGNALS,
  type IncentiveRecommendation,
  type ProjectKpis,
  type ProjectStatus,
} from '@accord/contracts';
import { computeProjectKpis, type KpiInputs } from '@accord/domain';
import type { AuthUser } from '../auth/auth-user';
import { internalReadCondition } from '../customers/customer-visibility.sql';
import type { KpiReportResponse } from './dto/project-tracking.responses';

/** A project a roll-up covers, with the key it is paged by. */
export interface RollupProject {
  id: string;
  name: string;
  status: ProjectStatus;
  currentStage: string | null;
  team: string | null;
  customerKey: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  /** started_at in UTC with microseconds, then the id: the keyset of the page (oldest first). */
  pageKey: [string, string];
}

/** Whose projects are rolled up: a team's or a customer's. */
export type RollupScope = { team: string } | { customerKey: string };

/**
 * Of the scope's projects, those whose KPI report the caller could read one by one (the
 * 'read-internal' right) oldest first, and how many others there are: one query, whatever
 * the number of projects.
 */
export async function readableProjectsOf(db: EntityManager, user: AuthUser, scope: RollupScope): Promise<{ readable: RollupProject[]; notVisible: number }> {
  const params: unknown[] = [];
  const param = (value: unknown) => `$${params.push(value)}`;
  const where = 'team' in scope ? `project.team = ${param(scope.team)}` : `project.customer_key = ${param(scope.customerKey)}`;
  const rows: {
    id: string;
    name: string;
    status: ProjectStatus;
    current_stage: string | null;
    team: string | null;
    customer_key: string | null;
    started_at: Date;
    finished_at: Date | null;
    page_key: string;
    readable: boolean;
  }[] = await db.query(
    `SELECT project.id, project.name, project.status, project.current_stage, project.team, project.customer_key, project.started_at, project.finished_at,
            to_char(project.started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS page_key,
            ${internalReadCondition(user, param)} AS readable
       FROM projects project WHERE ${where}
      ORDER BY project.started_at, project.id`,
    params,
  );
  const readable = rows
    .filter((row) => row.readable)
    .map((row) => ({
      id: row.id,
      name: row.name,
      status: row.status,
      currentStage: row.current_stage,
      team: row.team,
      customerKey: row.customer_key,
      startedAt: row.started_at,
      finishedAt: row.finished_at,
      pageKey: [row.page_key, row.id] as [string, string],
    }));
  return { readable, notVisible: rows.length - readable.length };
}

/**
 * The KPI report of each of these projects, as GET /projects/{id}/kpi-report gives it: final
 * once assessed, else computed now from what was recorded so far. At most four queries for
 * any number of projects; of the readings only each metric's latest is read, which is all
 * the KPIs take from them.
 */
export async function kpiReportsOf(db: EntityManager, projectIds: string[]): Promise<Map<string, KpiReportResponse>> {
  const reports = new Map<string, KpiReportResponse>();
  if (projectIds.length === 0) return reports;
  const finals: { project_id: string; computed_at: Date; kpis: ProjectKpis; incentives: IncentiveRecommendation[] | null }[] = await db.query(
    `SELECT project_id, computed_at, kpis, incentives FROM kpi_reports WHERE project_id = ANY($1)`,
    [projectIds],
  );
  for (const row of finals)
    reports.set(row.project_id, { final: true, computedAt: row.computed_at.toISOString(), kpis: row.kpis, incentives: row.incentives ?? [] });
  const open = projectIds.filter((id) => !reports.has(id));
  if (open.length === 0) return reports;
  const inputs = await kpiInputsOf(db, open);
  const computedAt = new Date().toISOString();
  for (const id of open) reports.set(id, { final: false, computedAt, kpis: computeProjectKpis(inputs.get(id)!), incentives: [] });
  return reports;
}

/** What loadKpiInputs (@accord/persistence) reads for one project, for many at once, before any assessment. */
async function kpiInputsOf(db: EntityManager, projectIds: string[]): Promise<Map<string, KpiInputs>> {
  const baselines: { project_id: string; goals: KpiInputs['goals'] }[] = await db.query(
    `SELECT DISTINCT ON (project_id) project_id, goals FROM baselines WHERE project_id = ANY($1) ORDER BY project_id, version DESC`,
    [projectIds],
  );
  const readings: { project_id: string; metric: KpiInputs['readings'][number]['metric']; value: number; at: Date }[] = await db.query(
    `SELECT DISTINCT ON (project_id, metric) project_id, metric, value, at FROM metric_readings WHERE project_id = ANY($1) ORDER BY project_id, metric, at DESC, id DESC`,
    [projectIds],
  );
  const events: { project_id: string; kind: string; name: string; complaint: boolean; raised_at: Date; closed_at: Date | null }[] = await db.query(
    `SELECT project_id, kind, name, COALESCE(data->'complaint' = 'true'::jsonb, false) AS complaint, raised_at, closed_at FROM project_events
      WHERE project_id = ANY($1) AND (kind = 'metric-breach' OR (kind = 'signal' AND name = ANY($2))) ORDER BY raised_at, id`,
    [projectIds, [...FEEDBACK_SIGNALS, CHANGE_REQUEST_SIGNAL]],
  );
  const inputs = new Map<string, KpiInputs>(
    projectIds.map((id) => [id, { goals: [], verifications: [], readings: [], feedback: [], deviationBreaches: 0, changeRequests: 0 }]),
  );
  for (const row of baselines) inputs.get(row.project_id)!.goals = row.goals;
  for (const row of readings) inputs.get(row.project_id)!.readings.push({ metric: row.metric, value: row.value, at: row.at.toISOString() });
  for (const row of events) {
    const of = inputs.get(row.project_id)!;
    if (row.kind === 'metric-breach') of.deviationBreaches += 1;
    else if (row.name === CHANGE_REQUEST_SIGNAL) of.changeRequests += 1;
    else
      of.feedback.push({
        raisedAt: row.raised_at.toISOString(),
        closedAt: row.closed_at?.toISOString(),
        complaint: row.name === COMPLAINT_SIGNAL || row.complaint,
      });
  }
  return inputs;
}
