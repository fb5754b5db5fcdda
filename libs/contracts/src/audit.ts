export type AuditAction =
  | 'project.started'
  | 'project.completed'
  | 'project.rejected'
  | 'project.cancelled'
  | 'incident.raised'
  | 'incident.resolved'
  | 'project.migration-accepted'
  | 'project.migrated'
  | 'project.members-changed'
  | 'event.raised'
  | 'event.closed'
  | 'metric.breached'
  | 'customer.churn-warning'
  | 'expectation-document.published'
  | 'baseline.published'
  | 'kpis.recorded'
  | 'deviation-analysis.recorded'
  | 'incentives.recommended'
  | 'customer-requirements.recorded'
  | 'customer-review.recorded'
  | 'stage.started'
  | 'stage.completed'
  | 'stage.skipped'
  | 'task.opened'
  | 'task.completed'
  | 'task.cancelled'
  | 'task.claimed'
  | 'task.released'
  | 'task.delegated'
  | 'task.handed-back'
  | 'task.commented'
  | 'approval.withdrawn'
  | 'task.paused'
  | 'task.resumed'
  | 'task.reminded'
  | 'task.reassigned'
  | 'task.escalated'
  | 'task.auto-decided'
  | 'approval.decided'
  | 'timer.started'
  | 'timer.fired'
  | 'gate.routed'
  | 'variables.set'
  | 'cadence.started'
  | 'cadence.ended'
  | 'cadence.missed';

/** One append-only audit row: who did what, when, why, under which request id. */
export interface AuditEntry {
  /** Deterministic, so that a retried activity never writes the same fact twice. */
  id: string;
  projectId: string;
  action: AuditAction;
  actor: string;
  at: string;
  subject?: string;
  reason?: string;
  requestId?: string;
  detail: Record<string, unknown>;
}

/** The identity the engine uses for what it does by itself (timers, stage transitions). */
export const SYSTEM_ACTOR = 'system';
