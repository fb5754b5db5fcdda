import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Client, WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { AccordConfig } from '@accord/runtime';
import {
  changeMembersUpdate,
  SYSTEM_ACTOR,
  taskActionUpdate,
  ENGINE_SIGNALS,
  raiseEventUpdate,
  type RaiseEventResult,
  type CompiledDefinition,
  type MigrateProjectResult,
  type ProjectMember,
  migrateProjectUpdate,
  type PinnedDefinition,
  type ProjectMemo,
  type ProjectStatus,
  type ProjectWorkflowInput,
  projectWorkflowId,
  WorkflowType,
} from '@accord/contracts';
import { runnableProblems, signalDeclaration, validateFormData, variableProblems } from '@accord/domain';
import { type ProjectEntity, ProjectsRepository } from '@accord/persistence';
import { type AuthUser, isOverseer } from '../auth/auth-user';
import { ErrorCode, ProjectException } from '../errors/accord.exception';
import { DefinitionRegistryService } from '../definitions/definition-registry.service';
import type { ChangeMembersDto } from './dto/members.dto';
import type { RaiseEventDto } from './dto/raise-event.dto';
import type { MigrateProjectDto } from './dto/migrate-project.dto';
import type { StartProjectDto } from './dto/start-project.dto';
import type { AuditEventResponse, ProjectResponse } from './dto/project.response';
import { projectIdFor } from './project-id';
import { ProjectAccessService, type ProjectRight } from './project-access.service';
import { refusalReasons } from './workflow-refusal';

/** A project the caller may read, with its pinned definition and the caller's memberships in it. */
export interface AuthorizedProject {
  project: ProjectResponse;
  definition: CompiledDefinition;
  /** The caller's roles in the project that their token confirms. */
  roles: string[];
}

@Injectable()
export class ProjectsService {
  private readonly records: ProjectsRepository;

  constructor(
    dataSource: DataSource,
    private readonly temporal: Client,
    private readonly registry: DefinitionRegistryService,
    private readonly config: AccordConfig,
    private readonly access: ProjectAccessService,
  ) {
    this.records = new ProjectsRepository(dataSource);
  }

  /** Starts a project workflow pinned to a published definition version; a repeated request id starts nothing new. */
  async start(user: AuthUser, dto: StartProjectDto, requestId: string | undefined): Promise<{ project: ProjectResponse; created: boolean }> {
    // Whoever starts a project becomes its member in their roles: an overseer would gain by a
    // role in their token the power that only membership gives. Overseeing wins over the rest of the token.
    if (isOverseer(user))
      throw new ProjectException(ErrorCode.FORBIDDEN, 'Overseers (admin, auditor) read every project and start none, whatever other roles their token names');
    const definition = await this.registry.resolveForStart(dto.definitionKey, dto.definitionVersion);
    if (!definition) {
      const path = dto.definitionVersion === undefined ? 'definitionKey' : 'definitionVersion';
      const what = dto.definitionVersion === undefined ? dto.definitionKey : `${dto.definitionKey} v${dto.definitionVersion}`;
      throw new ProjectException(ErrorCode.UNKNOWN_DEFINITION, `No published definition ${what}`, [{ path, message: `no published definition ${what}` }]);
    }
    const notRunnable = runnableProblems(definition.compiled);
    if (notRunnable.length > 0) {
      throw new ProjectException(
        ErrorCode.DEFINITION_NOT_RUNNABLE,
        `${definition.key} v${definition.version} cannot run on this engine version: ${notRunnable.join('; ')}`,
        notRunnable.map((message) => ({ path: 'definitionKey', message })),
      );
    }
    const badVariables = variableProblems(definition.compiled, dto.variables ?? {});
    if (badVariables.length > 0) throw new ProjectException(ErrorCode.VALIDATION_FAILED, 'Invalid variables', badVariables);
    const starters = definition.compiled.starters;
    if (!user.roles.some((role) => starters.includes(role))) {
      throw new ProjectException(ErrorCode.FORBIDDEN, `Starting a ${definition.key} project needs one of the roles ${starters.join(', ')}`);
    }
    const members = teamAtStart(user, definition.compiled, dto.members ?? []);
    const projectId = projectIdFor(user.userId, requestId);
    const memo: ProjectMemo = {
      name: dto.name,
      definitionKey: definition.key,
      definitionVersion: definition.version,
      ...(dto.team ? { team: dto.team } : {}),
      ...(dto.customer ? { customer: dto.customer.key } : {}),
      startedBy: user.userId,
      startedAt: new Date().toISOString(),
    };
    const input: ProjectWorkflowInput = {
      projectId,
      name: dto.name,
      definition,
      members,
      variables: dto.variables,
      team: dto.team,
      customer: dto.customer && { key: dto.customer.key, name: dto.customer.name ?? dto.customer.key },
      startedBy: user.userId,
      requestId: requestId ?? projectId,
      continueAsNewAfter: this.config.ACCORD_PROJECT_HISTORY_BUDGET,
      stageEventBudget: this.config.ACCORD_STAGE_HISTORY_BUDGET,
    };
    let created = true;
    try {
      await this.temporal.workflow.start(WorkflowType.project, {
        workflowId: projectWorkflowId(projectId),
        taskQueue: this.config.TEMPORAL_TASK_QUEUE,
        args: [input],
        memo: { ...memo },
        // One project per id for ever: a start retried after the project closed returns it, and never runs it twice.
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      created = false;
    }
    // The starter is on the team by construction; the read model may not have caught up yet.
    const found = await this.find(projectId);
    if (!found) throw new ProjectException(ErrorCode.INTERNAL, `Project ${projectId} was started but cannot be read back`);
    return { project: found.project, created };
  }

  /** The project as the read model has it, or from the workflow itself in the instant before its first write. */
  async get(user: AuthUser, projectId: string): Promise<ProjectResponse> {
    return (await this.authorize(user, projectId, 'read')).project;
  }

  /**
   * Moves a running project to another version of its definition from its next stage
   * boundary; 409 with every reason when the rest of its path does not exist there.
   */
  async migrate(user: AuthUser, projectId: string, dto: MigrateProjectDto, requestId: string | undefined): Promise<MigrateProjectResult> {
    const project = await this.get(user, projectId);
    const refuse = (reasons: string[]) =>
      new ProjectException(
        ErrorCode.PROJECT_MIGRATION_REFUSED,
        `Project ${projectId} cannot move to v${dto.targetVersion}: ${reasons.join('; ')}`,
        reasons.map((message) => ({ path: 'targetVersion', message })),
      );
    if (project.status !== 'running') throw refuse(['the project has ended']);
    const target = await this.registry.find(project.definition.key, dto.targetVersion);
    if (!target) {
      throw new ProjectException(ErrorCode.UNKNOWN_DEFINITION, `No version ${dto.targetVersion} of ${project.definition.key}`, [
        { path: 'targetVersion', message: `no version ${dto.targetVersion} of ${project.definition.key}` },
      ]);
    }
    const updateId = requestId ?? randomUUID();
    try {
      return await this.temporal.workflow.getHandle(projectWorkflowId(projectId)).executeUpdate(migrateProjectUpdate, {
        args: [{ target, requestedBy: user.userId, requestId: updateId, reason: dto.reason }],
        updateId,
      });
    } catch (error) {
      const reasons = refusalReasons(error);
      if (reasons) throw refuse(reasons);
      if (error instanceof WorkflowNotFoundError) throw refuse(['the project has ended']);
      throw error;
    }
  }

  /** Every recorded decision and engine step of a project, oldest first. */
  async audit(user: AuthUser, projectId: string): Promise<AuditEventResponse[]> {
    await this.authorize(user, projectId, 'read-internal');
    const rows = await this.records.auditTrail(projectId);
    return rows.map((row) => ({
      id: row.id,
      action: row.action,
      actor: row.actor,
      at: row.at.toISOString(),
      subject: row.subject,
      reason: row.reason,
      requestId: row.requestId,
      detail: row.detail,
    }));
  }

  /**
   * A member raises an event (a change request, a complaint) that the running stage answers by
   * starting a sub-process. The one way a member raises one: the raw event endpoint and the
   * change-request and feedback endpoints all come here, so the definition's `raisedBy` and
   * `form` hold whichever door the member uses.
   */
  async raiseEvent(user: AuthUser, projectId: string, event: Pick<RaiseEventDto, 'signal' | 'data'>, requestId: string | undefined): Promise<RaiseEventResult> {
    const { definition, roles } = await this.authorize(user, projectId, 'act');
    const data = event.data ?? {};
    assertMayRaise(definition, roles, event.signal, data);
    return this.deliverEvent(projectId, { signal: event.signal, raisedBy: user.userId, data }, requestId);
  }

  /**
   * Hands an event to the project workflow, once per request id, unchecked: members raise
   * through `raiseEvent`; only the public feedback form, which has no member and whose link
   * is its whole authorisation, comes here directly.
   */
  async deliverEvent(
    projectId: string,
    event: { signal: string; raisedBy: string; data: Record<string, unknown> },
    requestId: string | undefined,
  ): Promise<RaiseEventResult> {
    const found = await this.find(projectId);
    if (found?.project.status !== 'running') throw new ProjectException(ErrorCode.PROJECT_ENDED, `Project ${projectId} has ended`);
    const id = requestId ?? randomUUID();
    try {
      return await this.temporal.workflow.getHandle(projectWorkflowId(projectId)).executeUpdate(raiseEventUpdate, {
        args: [{ ...event, requestId: id }],
        updateId: id,
      });
    } catch (error) {
      const reasons = refusalReasons(error);
      if (!reasons) throw error;
      throw new ProjectException(
        ErrorCode.PROJECT_EVENT_UNHANDLED,
        reasons.join('; '),
        reasons.map((reason) => ({ path: 'signal', message: reason })),
      );
    }
  }

  /**
   * The project and its pinned definition, once the caller is known to have the right: one
   * statement (the project and the caller's memberships in it), the definition from memory.
   */
  async authorize(user: AuthUser, projectId: string, right: ProjectRight): Promise<AuthorizedProject> {
    const found = await this.find(projectId, user);
    if (!found) throw new ProjectException(ErrorCode.PROJECT_NOT_FOUND, `No project ${projectId}`);
    const definition = (await this.pinned(found.project)).compiled;
    // Someone who may not read a project is told what they would be told of one that does not exist.
    if (!this.access.allows(user, found.roles, 'read', definition)) throw new ProjectException(ErrorCode.PROJECT_NOT_FOUND, `No project ${projectId}`);
    if (right !== 'read') this.access.assertAllowed(user, found.roles, right, definition);
    return { ...found, definition };
  }

  /** The team: who works on the project in which role. */
  async members(user: AuthUser, projectId: string): Promise<ProjectMember[]> {
    await this.authorize(user, projectId, 'read');
    const rows = await this.records.members(projectId);
    return rows.map((row) => ({ user: row.userId, role: row.role }));
  }

  /** Adds and removes members through the project workflow (its one writer); the roles that start projects manage the team. */
  async changeMembers(user: AuthUser, projectId: string, dto: ChangeMembersDto, requestId: string | undefined): Promise<ProjectMember[]> {
    const { project, definition: compiled } = await this.authorize(user, projectId, 'manage-team');
    const unknown = [...(dto.add ?? []), ...(dto.remove ?? [])]
      .map((member, index) => ({ member, index }))
      .filter(({ member }) => !(member.role in compiled.roles));
    if (unknown.length > 0) {
      throw new ProjectException(
        ErrorCode.VALIDATION_FAILED,
        `Roles must be roles of ${project.definition.key}: ${Object.keys(compiled.roles).join(', ')}`,
        unknown.map(({ member }) => ({ path: 'role', message: `${member.role} is not a role of ${project.definition.key}` })),
      );
    }
    if (project.status !== 'running') throw new ProjectException(ErrorCode.PROJECT_ENDED, 'The project has ended: its team no longer changes');
    const id = requestId ?? randomUUID();
    const members = await this.temporal.workflow.getHandle(projectWorkflowId(projectId)).executeUpdate(changeMembersUpdate, {
      args: [{ add: dto.add ?? [], remove: dto.remove ?? [], changedBy: user.userId, requestId: id }],
      updateId: id,
    });
    await this.handBack(projectId, dto.remove ?? [], members, id);
    return members;
  }

  /**
   * Membership is the only source of power in a project: what someone removed from a role held
   * in it goes back. Their claims on that role's tasks are released; someone who left the
   * project altogether also gives back the tasks handed to them personally, to the role they
   * were offered to (or the one the leaver held). Each is audited by the workflow that owns the
   * task (`task.handed-back`); ids derive from the request, so a repeated request repeats nothing.
   */
  private async handBack(projectId: string, removed: ProjectMember[], members: ProjectMember[], requestId: string): Promise<void> {
    for (const { user, role } of removed) {
      if (members.some((member) => member.user === user && member.role === role)) continue;
      const left = !members.some((member) => member.user === user);
      for (const task of await this.records.openTasksHeld(projectId, user, role, left)) {
        const updateId = `${requestId}:hand-back:${task.id}`;
        try {
          await this.temporal.workflow.getHandle(task.workflowId).executeUpdate(taskActionUpdate, {
            args: [
              { taskId: task.id, actor: { userId: SYSTEM_ACTOR, roles: [] }, action: { kind: 'hand-back', from: user, toRole: role }, requestId: updateId },
            ],
            updateId,
          });
        } catch (error) {
          // Closed meanwhile, or its stage ended: there is nothing left to hand back.
          if (!(error instanceof WorkflowUpdateFailedError) && !(error instanceof WorkflowNotFoundError)) throw error;
        }
      }
    }
  }

  /** The project and the caller's roles in it (none without a caller); before its first write, from the workflow itself. */
  private async find(projectId: string, caller?: AuthUser): Promise<Omit<AuthorizedProject, 'definition'> | undefined> {
    const found = await this.records.findInView(projectId, caller);
    if (found) return { project: { ...fromRow(found.project), openIncidents: found.openIncidents }, roles: found.callerRoles };
    const project = await this.fromWorkflow(projectId);
    if (!project) return undefined;
    return { project, roles: caller ? await this.access.rolesIn(caller, projectId) : [] };
  }

  private async pinned(project: ProjectResponse): Promise<PinnedDefinition> {
    const definition = await this.registry.find(project.definition.key, project.definition.version);
    if (!definition)
      throw new ProjectException(ErrorCode.INTERNAL, `Definition ${project.definition.key} v${project.definition.version} is missing from the registry`);
    return definition;
  }

  private async fromWorkflow(projectId: string): Promise<ProjectResponse | undefined> {
    try {
      const description = await this.temporal.workflow.getHandle(projectWorkflowId(projectId)).describe();
      const memo = description.memo as unknown as ProjectMemo | undefined;
      if (!memo?.definitionKey) return undefined;
      const status: ProjectStatus = description.status.name === 'RUNNING' ? 'running' : 'failed';
      return {
        id: projectId,
        name: memo.name,
        definition: { key: memo.definitionKey, version: memo.definitionVersion },
        team: memo.team ?? null,
        customer: memo.customer ?? null,
        status,
        currentStage: null,
        startedBy: memo.startedBy,
        startedAt: memo.startedAt,
        finishedAt: null,
        openIncidents: 0,
      };
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return undefined;
      throw error;
    }
  }
}

function fromRow(row: ProjectEntity): Omit<ProjectResponse, 'openIncidents'> {
  return {
    id: row.id,
    name: row.name,
    definition: { key: row.definitionKey, version: row.definitionVersion },
    team: row.team,
    customer: row.customerKey,
    status: row.status,
    currentStage: row.currentStage,
    startedBy: row.startedBy,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/** The starter, in each of their roles the definition declares, plus the team named at start. */
function teamAtStart(user: AuthUser, definition: CompiledDefinition, named: ProjectMember[]): ProjectMember[] {
  const unknown = named.filter((member) => !(member.role in definition.roles));
  if (unknown.length > 0) {
    throw new ProjectException(
      ErrorCode.VALIDATION_FAILED,
      `Roles must be roles of ${definition.key}: ${Object.keys(definition.roles).join(', ')}`,
      named.flatMap((member, index) =>
        member.role in definition.roles ? [] : [{ path: `members[${index}].role`, message: `${member.role} is not a role of ${definition.key}` }],
      ),
    );
  }
  const starter = user.roles.filter((role) => role in definition.roles).map((role) => ({ user: user.userId, role }));
  return [...starter, ...named].filter((member, index, all) => all.findIndex((other) => other.user === member.user && other.role === member.role) === index);
}

/**
 * Refuses an event a member may not raise as they would raise it. The project's pinned
 * definition says who may raise each signal (`raisedBy`: the caller's memberships in the
 * project, `roles`, count, not their token) and the form of its data; a signal that declares
 * neither is open to every member. Signals only the engine raises are nobody's.
 */
function assertMayRaise(definition: CompiledDefinition, roles: string[], signal: string, data: Record<string, unknown>): void {
  if (ENGINE_SIGNALS.includes(signal)) {
    const message = `${signal} is raised by Accord itself (when a customer's churn score crosses its threshold), not through the API`;
    throw new ProjectException(ErrorCode.FORBIDDEN, message, [{ path: 'signal', message }]);
  }
  const { raisedBy, form } = signalDeclaration(definition, signal) ?? {};
  if (raisedBy) {
    if (!roles.some((role) => raisedBy.includes(role))) {
      const message = `${signal} is raised by a member as ${raisedBy.join(' or ')}; ${roles.length > 0 ? `you take part in this project as ${roles.join(', ')}` : 'you are no member of this project'}`;
      throw new ProjectException(ErrorCode.FORBIDDEN, message, [{ path: 'signal', message }]);
    }
  }
  // The check a task's form gets: one reading of forms for the whole engine.
  const problems = form ? validateFormData(definition.forms[form], data) : [];
  if (problems.length > 0) {
    const details = problems.map((problem) => ({ path: problem.path ? `data.${problem.path}` : 'data', message: problem.message }));
    throw new ProjectException(ErrorCode.PROJECT_EVENT_INVALID_DATA, `The data of ${signal} does not fit its form ${form}`, details);
  }
}
