import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { DataSource } from 'typeorm';
import { cancelProjectUpdate, type IncidentAction, projectWorkflowId, resolveIncidentUpdate, stageFinishedSignal } from '@accord/contracts';
import { type IncidentEntity, IncidentsRepository } from '@accord/persistence';
import { AccordConfig } from '@accord/runtime';
import type { AuthUser } from '../auth/auth-user';
import { ErrorCode, IncidentException } from '../errors/accord.exception';
import { refusalReasons } from '../projects/workflow-refusal';
import type { IncidentResponse, IncidentsQueryDto } from './dto/incident.dto';

const EventType = temporal.api.enums.v1.EventType;

/** Incidents (R-REL-2): listed for admins and auditors; admins retry, skip or cancel through the workflow that raised them. */
@Injectable()
export class IncidentsService {
  private readonly incidents: IncidentsRepository;

  constructor(
    dataSource: DataSource,
    private readonly temporal: Client,
    private readonly config: AccordConfig,
  ) {
    this.incidents = new IncidentsRepository(dataSource);
  }

  async list(query: IncidentsQueryDto): Promise<IncidentResponse[]> {
    const status = query.status ?? 'open';
    const rows = await this.incidents.list({ status: status === 'all' ? undefined : status, projectId: query.project, limit: query.limit ?? 50 });
    return rows.map(({ incident, projectName }) => toResponse(incident, projectName));
  }

  async get(id: string): Promise<IncidentResponse> {
    const incident = await this.find(id);
    return toResponse(incident, await this.incidents.projectName(incident.projectId));
  }

  /** Runs what failed again: the activity, or the failed stage from just before its failure (a Temporal reset). */
  async retry(user: AuthUser, id: string, reason: string | undefined, requestId: string | undefined): Promise<IncidentResponse> {
    const incident = await this.openIncident(id);
    if (incident.kind === 'stage-failed' && incident.failedWorkflowId)
      await this.resetBeforeFailure(incident.failedWorkflowId, `incident ${id}: ${reason ?? 'retried'} (${user.userId})`);
    await this.resolve(user, incident, 'retry', reason, requestId);
    return this.get(id);
  }

  async skip(user: AuthUser, id: string, reason: string, requestId: string | undefined): Promise<IncidentResponse> {
    const incident = await this.openIncident(id);
    if (!incident.skippable)
      throw new IncidentException(
        ErrorCode.INCIDENT_NOT_SKIPPABLE,
        `${incident.activity ?? 'This step'} produces a result the project needs: retry it, or cancel the project`,
      );
    await this.resolve(user, incident, 'skip', reason, requestId);
    return this.get(id);
  }

  /** Ends the incident's project as cancelled; every open incident of it is resolved with it. */
  async cancel(user: AuthUser, id: string, reason: string, requestId: string | undefined): Promise<IncidentResponse> {
    const incident = await this.openIncident(id);
    const updateId = requestId ?? randomUUID();
    try {
      await this.temporal.workflow
        .getHandle(projectWorkflowId(incident.projectId))
        .executeUpdate(cancelProjectUpdate, { args: [{ reason, cancelledBy: user.userId, requestId: updateId, incidentId: id }], updateId });
    } catch (error) {
      throw this.refused(error, id);
    }
    return this.get(id);
  }

  private async resolve(
    user: AuthUser,
    incident: IncidentEntity,
    action: Exclude<IncidentAction, 'cancel'>,
    reason: string | undefined,
    requestId: string | undefined,
  ): Promise<void> {
    const updateId = requestId ?? randomUUID();
    try {
      await this.temporal.workflow
        .getHandle(incident.workflowId)
        .executeUpdate(resolveIncidentUpdate, { args: [{ incidentId: incident.id, action, reason, resolvedBy: user.userId, requestId: updateId }], updateId });
    } catch (error) {
      throw this.refused(error, incident.id);
    }
  }

  private refused(error: unknown, id: string): unknown {
    const reasons = refusalReasons(error);
    if (reasons)
      return new IncidentException(
        ErrorCode.INCIDENT_NOT_OPEN,
        `Incident ${id} cannot be resolved so: ${reasons.join('; ')}`,
        reasons.map((message) => ({ path: 'id', message })),
      );
    if (error instanceof WorkflowNotFoundError)
      return new IncidentException(ErrorCode.INCIDENT_NOT_OPEN, `Incident ${id} belongs to a workflow that has ended`);
    return error;
  }

  /**
   * Resets a failed stage workflow to the workflow task in which its code first failed, so
   * that it runs again from there on the code deployed now (Temporal keeps everything before).
   */
  private async resetBeforeFailure(workflowId: string, reason: string): Promise<void> {
    const history = await this.temporal.workflow.getHandle(workflowId).fetchHistory();
    const events = history.events ?? [];
    const failed = events.some((event) => event.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED);
    if (!failed) return;
    const newestFirst = [...events].reverse();
    const report = newestFirst.find((event) => event.signalExternalWorkflowExecutionInitiatedEventAttributes?.signalName === stageFinishedSignal.name);
    const lastCompleted = newestFirst.find((event) => event.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
    const resetTo = report?.signalExternalWorkflowExecutionInitiatedEventAttributes?.workflowTaskCompletedEventId ?? lastCompleted?.eventId;
    if (!resetTo) throw new IncidentException(ErrorCode.INCIDENT_NOT_OPEN, `Stage workflow ${workflowId} has no point to be reset to`);
    await this.temporal.workflowService.resetWorkflowExecution({
      namespace: this.config.TEMPORAL_NAMESPACE,
      workflowExecution: { workflowId },
      reason,
      workflowTaskFinishEventId: resetTo,
      requestId: randomUUID(),
    });
  }

  private async find(id: string): Promise<IncidentEntity> {
    const incident = await this.incidents.find(id);
    if (!incident) throw new IncidentException(ErrorCode.INCIDENT_NOT_FOUND, `No incident ${id}`);
    return incident;
  }

  private async openIncident(id: string): Promise<IncidentEntity> {
    const incident = await this.find(id);
    if (incident.status !== 'open')
      throw new IncidentException(ErrorCode.INCIDENT_NOT_OPEN, `Incident ${id} was resolved (${incident.resolution}) by ${incident.resolvedBy}`);
    return incident;
  }
}

function toResponse(incident: IncidentEntity, projectName: string | null): IncidentResponse {
  return {
    id: incident.id,
    projectId: incident.projectId,
    projectName,
    workflowId: incident.workflowId,
    failedWorkflowId: incident.failedWorkflowId,
    stageId: incident.stageId,
    stepId: incident.stepId,
    kind: incident.kind,
    activity: incident.activity,
    errorType: incident.errorType,
    message: incident.message,
    attempts: incident.attempts,
    skippable: incident.skippable,
    status: incident.status,
    openedAt: incident.openedAt.toISOString(),
    resolution: incident.resolution,
    resolvedBy: incident.resolvedBy,
    resolvedAt: incident.resolvedAt?.toISOString() ?? null,
    reason: incident.resolutionReason,
  };
}
