import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  condition,
  isCancellation,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import { RetryState } from '@temporalio/common';
import type { AccordActivities } from '@accord/activities';
import { storableText } from '@accord/domain';
import { type IncidentKind, type IncidentRaised, REFUSAL_PREFIX, type ResolveIncidentInput, resolveIncidentUpdate, SYSTEM_ACTOR } from '@accord/contracts';

/**
 * Incident records are tiny and hold only text this module cleaned, so they are retried until
 * the database answers: an incident that cannot be recorded would be one nobody sees.
 */
const records = proxyActivities<Pick<AccordActivities, 'recordIncident' | 'recordIncidentResolved'>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** Where in a project an incident happens, as the workflow that raises it knows. */
export interface IncidentScope {
  stageId: string | null;
  currentStep: () => string | null | undefined;
  /** True once the project is being cancelled: open incidents then stop waiting. */
  cancelled?: () => boolean;
}

/** What failed: an activity whose retries ran out or that cannot succeed, or a stage. */
export interface IncidentCause {
  kind: IncidentKind;
  activity: string | null;
  errorType: string;
  message: string;
  attempts: number;
  skippable: boolean;
  stageId?: string | null;
  stepId?: string | null;
  failedWorkflowId?: string;
}

interface IncidentDesk {
  scope: IncidentScope;
  raised: number;
  open: Map<string, IncidentRaised>;
  decided: Map<string, ResolveIncidentInput>;
  handling: boolean;
}

// Keyed by run: whether module state is shared between workflows depends on the worker's VM reuse.
const desks = new Map<string, IncidentDesk>();

function desk(): IncidentDesk {
  const { runId } = workflowInfo();
  let found = desks.get(runId);
  if (!found) {
    found = { scope: { stageId: null, currentStep: () => null }, raised: 0, open: new Map(), decided: new Map(), handling: false };
    desks.set(runId, found);
  }
  return found;
}

/** Says which stage this workflow runs and how to read its current step, for the incidents it raises. */
export function setIncidentScope(scope: IncidentScope): void {
  desk().scope = scope;
}

/** The project a workflow belongs to: every Accord workflow id starts `project/<projectId>`. */
function projectOf(workflowId: string): string {
  return workflowId.split('/')[1] ?? workflowId;
}

/** Text for the incident record: storable whatever the failure quotes (it may be about exactly such text), and not a novel. */
const storable = (text: string) => storableText(text).slice(0, 2_000);

/** The type and message of an activity's failure, as an admin should read them. */
export function describeActivityFailure(error: ActivityFailure, maximumAttempts: number): Pick<IncidentCause, 'errorType' | 'message' | 'attempts'> {
  const cause = error.cause;
  const errorType = cause instanceof ApplicationFailure ? (cause.type ?? 'Error') : (cause?.name ?? 'Error');
  const attempts = error.retryState === RetryState.MAXIMUM_ATTEMPTS_REACHED ? maximumAttempts : 1;
  return { errorType, message: cause?.message ?? error.message, attempts };
}

function registerResolutionHandler(current: IncidentDesk): void {
  if (current.handling) return;
  current.handling = true;
  setHandler(
    resolveIncidentUpdate,
    async (input) => {
      const incident = current.open.get(input.incidentId)!;
      current.open.delete(input.incidentId);
      const at = new Date().toISOString();
      await CancellationScope.nonCancellable(() =>
        records.recordIncidentResolved({
          id: input.incidentId,
          action: input.action,
          resolvedBy: input.resolvedBy,
          reason: input.reason ?? null,
          at,
          audit: {
            id: `${input.incidentId}:resolved`,
            projectId: incident.projectId,
            action: 'incident.resolved',
            actor: input.resolvedBy,
            at,
            subject: incident.stepId ?? incident.stageId ?? undefined,
            reason: input.reason,
            requestId: input.requestId,
            detail: { incident: input.incidentId, action: input.action, ...(input.reason ? { reason: input.reason } : {}) },
          },
        }),
      );
      current.decided.set(input.incidentId, input);
      return { incidentId: input.incidentId, action: input.action, resolvedBy: input.resolvedBy, resolvedAt: at };
    },
    {
      validator: (input) => {
        const incident = current.open.get(input.incidentId);
        if (!incident) throw ApplicationFailure.nonRetryable(REFUSAL_PREFIX + JSON.stringify([`incident ${input.incidentId} is not open in this workflow`]));
        if (input.action === 'skip' && !incident.skippable) {
          throw ApplicationFailure.nonRetryable(
            REFUSAL_PREFIX +
              JSON.stringify([
                `${incident.activity ?? 'this step'} produces a result the workflow needs: it can be retried or the project cancelled, not skipped`,
              ]),
          );
        }
      },
    },
  );
}

/**
 * Records an incident and waits, for as long as it takes, until an admin retries or skips
 * what failed, or the project is cancelled (`cancel`: the project's records say so). Nothing is
 * retried in a loop meanwhile, and the rest of the workflow (timers, other branches,
 * queries) goes on.
 */
export async function awaitIncidentResolution(cause: IncidentCause): Promise<'retry' | 'skip' | 'cancel'> {
  const current = desk();
  const { workflowId, runId } = workflowInfo();
  current.raised += 1;
  const id = `${workflowId}:incident:${runId}:${current.raised}`;
  const at = new Date().toISOString();
  const stageId = cause.stageId !== undefined ? cause.stageId : current.scope.stageId;
  const stepId = cause.stepId !== undefined ? cause.stepId : (current.scope.currentStep() ?? null);
  const message = storable(cause.message);
  const errorType = storable(cause.errorType);
  const incident: IncidentRaised = {
    id,
    projectId: projectOf(workflowId),
    workflowId,
    stageId,
    stepId,
    kind: cause.kind,
    failedWorkflowId: cause.failedWorkflowId ?? null,
    activity: cause.activity,
    errorType: errorType,
    message,
    attempts: cause.attempts,
    skippable: cause.skippable,
    at,
    audit: {
      id: `${id}:raised`,
      projectId: projectOf(workflowId),
      action: 'incident.raised',
      actor: SYSTEM_ACTOR,
      at,
      subject: stepId ?? stageId ?? undefined,
      reason: message,
      detail: { incident: id, kind: cause.kind, stage: stageId, step: stepId, activity: cause.activity, errorType: errorType, message, workflowId },
    },
  };
  current.open.set(id, incident);
  registerResolutionHandler(current);
  await CancellationScope.nonCancellable(() => records.recordIncident(incident));
  const cancelled = current.scope.cancelled ?? (() => false);
  await condition(() => current.decided.has(id) || cancelled());
  const decision = current.decided.get(id);
  current.open.delete(id);
  if (!decision) return 'cancel';
  current.decided.delete(id);
  return decision.action;
}

/** Whether an error is one a workflow can raise an incident for (not its own cancellation). */
export function isIncidentWorthy(error: unknown): error is ActivityFailure {
  return error instanceof ActivityFailure && !isCancellation(error);
}
