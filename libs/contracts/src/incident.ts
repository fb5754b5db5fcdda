import type { AuditEntry } from './audit';

/**
 * What went wrong where an incident was raised: an activity that failed for good (its
 * retries ran out, or its error is one that retrying cannot fix), a whole stage whose
 * workflow code failed, or a stage whose history outgrew its event budget (it is looping).
 */
export type IncidentKind = 'activity-failed' | 'stage-failed' | 'event-budget';

/** How an admin resolves an incident; `cancel` ends the whole project. */
export type IncidentAction = 'retry' | 'skip' | 'cancel';

export type IncidentStatus = 'open' | 'resolved';

/** An incident as its workflow records it (the `recordIncident` activity's input). */
export interface IncidentRaised {
  /** `<workflowId>:incident:<n>`: deterministic, so a retried activity records it once. */
  id: string;
  projectId: string;
  workflowId: string;
  stageId: string | null;
  stepId: string | null;
  kind: IncidentKind;
  /** For `stage-failed`: the stage workflow that failed (retrying resets it to before its failure). */
  failedWorkflowId: string | null;
  /** The activity that failed (`activity-failed`). */
  activity: string | null;
  /** The failure's type (`BadData`, `PreconditionFailed`, an error class) and its message. */
  errorType: string;
  message: string;
  /** How many times the activity ran before the incident was raised. */
  attempts: number;
  /** Whether the workflow can go on without what failed (`skip`). */
  skippable: boolean;
  at: string;
  audit: AuditEntry;
}

/** An admin's decision on an open incident, delivered to the workflow that raised it. */
export interface ResolveIncidentInput {
  incidentId: string;
  action: Exclude<IncidentAction, 'cancel'>;
  reason?: string;
  resolvedBy: string;
  requestId: string;
}

export interface ResolveIncidentResult {
  incidentId: string;
  action: IncidentAction;
  resolvedBy: string;
  resolvedAt: string;
}

/** The `recordIncidentResolved` activity's input. */
export interface IncidentResolved {
  id: string;
  action: IncidentAction;
  resolvedBy: string;
  reason: string | null;
  at: string;
  audit: AuditEntry;
}

/** Ends a project for good: its running stages are cancelled and its open tasks closed. */
export interface CancelProjectInput {
  reason: string;
  cancelledBy: string;
  requestId: string;
  /** The incident that led to it, when there was one: it is resolved as `cancel`. */
  incidentId?: string;
}

/** Error types that activities and workflow code raise as non-retryable failures. */
export const FailureType = {
  /** The data cannot be stored or used as it is (PostgreSQL refused it): retrying changes nothing. */
  badData: 'BadData',
  /** Something that must exist first does not. */
  preconditionFailed: 'PreconditionFailed',
  /** Workflow code met a case it cannot handle (an unknown step type, a definition it cannot run). */
  unsupported: 'Unsupported',
  /** The stage's workflow code threw: reported to the project as a failed stage. */
  stageFailed: 'StageFailed',
} as const;
